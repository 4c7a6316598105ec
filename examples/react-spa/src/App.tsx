import { Intercom } from 'herald-messenger';
import { useState, type ChangeEvent } from 'react';
import type { User } from './herald';
import { Link, navigate, usePath } from './router';
import { useHerald } from './useHerald';

/** Stands for your auth: a sign-in that answers with a user (here, one who just signed up). */
async function signIn(email: string): Promise<User> {
  return { id: 'u_42', email, name: 'Ada', plan: 'free', createdAt: new Date() };
}

/** Stands for your upload: resolves when the file is stored (a second per 500 KB). */
const upload = (file: File) => new Promise<void>((done) => setTimeout(done, Math.min(10_000, file.size / 500)));

export function App() {
  const [user, setUser] = useState<User | null>(null);
  const path = usePath();
  useHerald(user);

  const logIn = async () => {
    setUser(await signIn('ada@example.com'));
    navigate('/files');
  };

  const logOut = () => {
    // Before the user is gone: Herald hides its messages and forgets this visitor.
    Intercom('shutdown');
    setUser(null);
    navigate('/');
  };

  const upgrade = () => {
    if (!user) return;
    setUser({ ...user, plan: 'pro' });
    Intercom('trackEvent', 'upgraded', { plan: 'pro' });
  };

  if (!user) {
    return (
      <main>
        <h1>Files</h1>
        <button onClick={logIn}>Sign in</button>
      </main>
    );
  }
  return (
    <main>
      <nav>
        <Link to="/files">Files</Link> <Link to="/settings">Settings</Link>{' '}
        <button onClick={logOut}>Sign out</button>
      </nav>
      {path === '/settings' ? <Settings user={user} onUpgrade={upgrade} /> : <Files />}
    </main>
  );
}

function Files() {
  const [busy, setBusy] = useState(false);

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setBusy(true);
    const started = Date.now();
    await upload(file);
    setBusy(false);
    // Typed: a name, and flat metadata (strings, numbers, booleans, null).
    Intercom('trackEvent', 'uploaded-file', {
      file_name: file.name,
      size_kb: Math.round(file.size / 1024),
      duration_s: Math.round((Date.now() - started) / 1000),
      left_page: document.visibilityState === 'hidden',
    });
  };

  return (
    <section>
      <h2>Your files</h2>
      <input id="upload" type="file" disabled={busy} onChange={onFile} />
    </section>
  );
}

function Settings({ user, onUpgrade }: { user: User; onUpgrade: () => void }) {
  return (
    <section>
      <h2>Settings</h2>
      <p>Plan: {user.plan}</p>
      {user.plan === 'free' && <button onClick={onUpgrade}>Upgrade to Pro</button>}
    </section>
  );
}
