/** An error as text; some thrown values (a null-prototype object) even throw on String(). */
export const errorText = (error: unknown) => {
  try {
    return String(error);
  } catch {
    return 'an error that cannot be printed';
  }
};
