/**
 * GET / on the sandbox: a self-contained phone simulator (inline CSS and script, nothing external)
 * for trying the bot by hand. The script is in simulator-script.ts; it talks to simulator-api.ts.
 * A per-response nonce lets the CSP allow exactly this inline script and style.
 */
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { SIMULATOR_SCRIPT } from "./simulator-script";

const STYLE = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:15px/1.35 -apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#d1d7db;color:#111b21;display:flex;justify-content:center}
.phone{display:flex;flex-direction:column;width:100%;max-width:480px;height:100vh;height:100dvh;background:#efeae2;box-shadow:0 0 24px rgba(0,0,0,.15)}
header{background:#008069;color:#fff;padding:10px 12px 8px}
header h1{font-size:17px;margin:0 0 2px;font-weight:600}
#business{font-size:12px;opacity:.85}
.pick{display:flex;gap:6px;margin-top:8px}
.pick label{flex:1;min-width:0;font-size:11px;opacity:.9}
.pick input{display:block;width:100%;margin-top:2px;padding:6px 8px;border:0;border-radius:6px;font:inherit;font-size:14px;color:#111b21}
.window{font-size:12px;text-align:center;padding:4px 8px}
.window.open{background:#d9fdd3;color:#1b5e20}
.window.closed{background:#fff3c4;color:#6d4c00}
.notice{display:none;font-size:13px;padding:6px 10px}
.notice.error{display:block;background:#fde2e1;color:#8a1c1c}
.notice.warn{display:block;background:#fff3c4;color:#6d4c00}
#chat{flex:1;overflow-y:auto;padding:10px 8px 14px}
.empty{text-align:center;color:#667781;font-size:13px;margin-top:40px}
.row{display:flex;flex-direction:column;margin:4px 0}
.row.left{align-items:flex-start}
.row.right{align-items:flex-end}
.bubble{max-width:85%;padding:6px 8px 4px;border-radius:8px;box-shadow:0 1px .5px rgba(11,20,26,.13);overflow-wrap:anywhere;white-space:pre-wrap}
.bubble.out{background:#fff;border-top-left-radius:2px}
.bubble.in{background:#d9fdd3;border-top-right-radius:2px}
.label{font-size:11px;color:#667781;margin-bottom:2px}
.header{font-weight:600;margin-bottom:2px}
.footer{font-size:12px;color:#667781;margin-top:3px}
.quote{border-left:3px solid #06cf9c;background:rgba(0,0,0,.05);padding:3px 6px;margin-bottom:4px;font-size:12px;color:#54656f;border-radius:4px;max-height:3.2em;overflow:hidden}
.meta{display:flex;justify-content:flex-end;gap:6px;font-size:11px;color:#667781;margin-top:2px}
.tick.read{color:#53bdeb}
.tick.failed{color:#d32f2f;font-weight:600}
.hook.ok{color:#667781}.hook.bad{color:#d32f2f}
.doc{display:block;padding:8px;background:rgba(0,0,0,.05);border-radius:6px;color:#027eb5;text-decoration:none;margin-bottom:3px}
.photo{display:block;max-width:100%;min-width:120px;min-height:60px;background:#ccc;border-radius:6px;margin-bottom:3px}
.choices{display:flex;flex-direction:column;gap:4px;margin-top:4px;width:85%;max-width:320px}
.choice{background:#fff;border:0;border-radius:8px;padding:8px;color:#027eb5;font:inherit;font-weight:500;cursor:pointer;box-shadow:0 1px .5px rgba(11,20,26,.13);text-align:center}
.choice:active{background:#f0f2f5}
.row-choice{text-align:left;color:#111b21}
.row-title{display:block}
.row-description{display:block;font-size:12px;color:#667781;font-weight:400}
form{display:flex;gap:6px;padding:8px;background:#f0f2f5;align-items:center}
form select{width:44px;padding:8px 2px;border:0;border-radius:20px;background:#fff;font:inherit}
form input{flex:1;min-width:0;padding:10px 12px;border:0;border-radius:20px;font:inherit}
form button{width:44px;height:44px;border:0;border-radius:50%;background:#008069;color:#fff;font-size:18px;cursor:pointer}
`;

const BODY = `
<div class="phone">
  <header>
    <h1>WhatsApp sandbox</h1>
    <div id="business">…</div>
    <div class="pick">
      <label>Your number<input id="number" inputmode="numeric" autocomplete="off" list="chats" placeholder="27821234567"></label>
      <label>Profile name<input id="profile" autocomplete="off" placeholder="Thandi"></label>
    </div>
    <datalist id="chats"></datalist>
  </header>
  <div id="window" class="window"></div>
  <div id="notice" class="notice" role="status"></div>
  <main id="chat" aria-live="polite"></main>
  <form id="composer" autocomplete="off">
    <select id="attach" aria-label="Send something else">
      <option value="">+</option>
      <option value="image">Photo</option>
      <option value="location">Location</option>
      <option value="document">Document</option>
      <option value="audio">Voice note</option>
    </select>
    <input id="text" placeholder="Message" maxlength="4096" aria-label="Message">
    <button type="submit" aria-label="Send">➤</button>
  </form>
</div>`;

export function sendSimulatorPage(res: ServerResponse) {
  const nonce = randomBytes(16).toString("base64");
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>WhatsApp sandbox</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>${BODY}
<script nonce="${nonce}">${SIMULATOR_SCRIPT}</script>
</body>
</html>`;
  res.writeHead(200, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Security-Policy": `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
    "X-Content-Type-Options": "nosniff",
  });
  res.end(html);
}
