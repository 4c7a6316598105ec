export const CHAT_CSS = `
.chat {
  width: 340px;
  padding: 14px 16px 16px;
  animation: herald-chat-in 200ms ease-out;
}
.from { display: flex; align-items: center; gap: 10px; margin-bottom: 10px; }
.avatar { width: 32px; height: 32px; border-radius: 50%; object-fit: cover; flex: none; }
.initials {
  display: inline-flex; align-items: center; justify-content: center;
  background: var(--herald-action); color: var(--herald-action-text); font-size: 13px; font-weight: 600;
}
.name { flex: 1; font-weight: 600; }
.dismiss {
  width: 28px; height: 28px; padding: 0; border: 0; background: transparent;
  color: var(--herald-muted); font-size: 20px; line-height: 1;
}
.dismiss:hover { color: var(--herald-text); }
.bubble { overflow-wrap: anywhere; max-height: 260px; overflow: auto; }
.bubble > :first-child { margin-top: 0; }
.bubble > :last-child { margin-bottom: 0; }
.bubble a { color: var(--herald-action); }
.sent {
  margin: 10px 0 0 auto; width: fit-content; max-width: 85%;
  background: var(--herald-action); color: var(--herald-action-text);
  padding: 6px 10px; border-radius: 12px 12px 2px 12px; overflow-wrap: anywhere;
}
[dir="rtl"] .sent { margin: 10px auto 0 0; border-radius: 12px 12px 12px 2px; }
.status { display: block; font-size: 11px; opacity: 0.8; margin-top: 2px; }
.reply { display: flex; gap: 8px; margin-top: 12px; }
.reply input {
  flex: 1; min-width: 0; font: inherit; color: inherit; background: transparent;
  border: 1px solid var(--herald-border); border-radius: 8px; padding: 8px 10px;
}
.reply button {
  border: 0; padding: 8px 14px; font-weight: 600;
  background: var(--herald-action); color: var(--herald-action-text);
}
.reply button:disabled { opacity: 0.5; cursor: default; }
@keyframes herald-chat-in { from { transform: translateY(12px); opacity: 0; } to { transform: none; opacity: 1; } }
`;
