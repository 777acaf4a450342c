import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface HostSite {
  origin: string;
  close(): Promise<void>;
}

/**
 * A customer's website on its own localhost port, embedding the widget with the install snippet. With
 * `?user=<id>` the page identifies its logged-in user, the hash computed server-side with the channel's
 * key like a real site would (`&forge=1` signs with a wrong key). Widget events are written into #events.
 */
export async function startHostSite(widget: { serverUrl: string; channelId: () => number; secret: () => string }) {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    const user = url.searchParams.get('user');
    const key = url.searchParams.get('forge') ? 'not-the-key-000000' : widget.secret();
    const identify = user
      ? `Charla.identify(${JSON.stringify({ userId: user, userHash: createHmac('sha256', key).update(user).digest('hex') })});`
      : '';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="es"><head><title>Tienda</title>
<style>iframe { display: none; } body { background: #fafafa; }</style></head>
<body><h1>Tienda de ejemplo</h1><ul id="events"></ul>
<script src="${widget.serverUrl}/widget.js" data-channel="${widget.channelId()}" async></script>
<script>
  (function wait() {
    if (!window.Charla) return setTimeout(wait, 20);
    var log = function (text) { var li = document.createElement('li'); li.textContent = text; document.getElementById('events').appendChild(li); };
    Charla.on('ready', function () { log('ready'); });
    Charla.on('error', function (e) { log('error:' + e.code); });
    Charla.on('message', function (m) { log('message:' + m.text); });
    ${identify}
  })();
</script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies HostSite;
}
