/**
 * The interactive API docs at /docs: a self-contained page (no CDN, works offline) that reads
 * /v2/openapi.json, lists every operation with its parameters and schemas, and can call it with a token.
 * The script is served from /docs/docs.js because the app's CSP allows scripts from this origin only.
 */
export const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Charla developer API</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 0; color: #1f2933; background: #f7f8fa; }
  header { padding: 16px 24px; background: #fff; border-bottom: 1px solid #e4e7eb; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; }
  h1 { font-size: 18px; margin: 0; }
  main { max-width: 980px; margin: 0 auto; padding: 16px 24px; }
  h2 { font-size: 15px; margin: 24px 0 8px; }
  details { background: #fff; border: 1px solid #e4e7eb; border-radius: 6px; margin: 6px 0; }
  summary { padding: 8px 12px; cursor: pointer; display: flex; gap: 10px; align-items: baseline; }
  .m { font: 600 12px ui-monospace, monospace; width: 56px; }
  .GET { color: #0b6bcb; } .POST { color: #1a7f37; } .PUT { color: #9a6700; } .DELETE { color: #cf222e; }
  code, pre, textarea, input { font: 12px ui-monospace, monospace; }
  pre { background: #f3f4f6; padding: 8px; overflow: auto; max-height: 320px; border-radius: 4px; }
  .body { padding: 0 12px 12px; }
  label { display: block; margin: 6px 0 2px; }
  input, textarea { width: 100%; box-sizing: border-box; padding: 6px; border: 1px solid #cbd2d9; border-radius: 4px; }
  button { margin-top: 8px; padding: 6px 14px; border: 0; border-radius: 4px; background: #0b6bcb; color: #fff; cursor: pointer; }
</style>
</head>
<body>
<header><h1>Charla developer API</h1><label style="flex:1;min-width:260px">API token <input id="token" type="password" autocomplete="off" placeholder="chr_…"></label><a href="/v2/openapi.json">openapi.json</a></header>
<main id="ops">Loading…</main>
<script src="/docs/docs.js"></script>
</body>
</html>`;

export const DOCS_JS = `(() => {
  const $ = (tag, props = {}, ...children) => {
    const el = document.createElement(tag);
    Object.assign(el, props);
    for (const c of children) el.append(c);
    return el;
  };
  const token = document.getElementById('token');
  token.value = sessionStorage.getItem('charla-api-token') || '';
  token.addEventListener('input', () => sessionStorage.setItem('charla-api-token', token.value));
  const pretty = (v) => JSON.stringify(v, null, 2);

  function operation(path, method, op) {
    const params = op.parameters || [];
    const inputs = params.map((p) => [p, $('input', { placeholder: p.schema && p.schema.example !== undefined ? String(p.schema.example) : '' })]);
    const body = op.requestBody ? $('textarea', { rows: 6, value: '{}' }) : null;
    const out = $('pre', { textContent: '' });
    const send = $('button', { textContent: 'Send' });
    send.addEventListener('click', async () => {
      let url = path;
      const query = new URLSearchParams();
      for (const [p, input] of inputs) {
        if (p.in === 'path') url = url.replace('{' + p.name + '}', encodeURIComponent(input.value));
        else if (input.value) query.set(p.name, input.value);
      }
      const qs = query.toString();
      out.textContent = '…';
      try {
        const res = await fetch(url + (qs ? '?' + qs : ''), {
          method: method.toUpperCase(),
          headers: { authorization: 'Bearer ' + token.value, ...(body ? { 'content-type': 'application/json' } : {}) },
          body: body ? body.value : undefined,
        });
        const text = await res.text();
        let shown = text;
        try { shown = pretty(JSON.parse(text)); } catch {}
        out.textContent = res.status + ' ' + res.statusText + '\\n' + shown;
      } catch (err) {
        out.textContent = String(err);
      }
    });
    const ok = Object.entries(op.responses || {}).find(([code]) => code.startsWith('2'));
    const okSchema = ok && ok[1].content ? ok[1].content['application/json'].schema : null;
    return $('details', {},
      $('summary', {}, $('span', { className: 'm ' + method.toUpperCase(), textContent: method.toUpperCase() }), $('code', { textContent: path }), $('span', { textContent: op.summary || '' })),
      $('div', { className: 'body' },
        ...inputs.map(([p, input]) => $('label', { textContent: p.name + ' (' + p.in + ')' + (p.description ? ' — ' + p.description : '') }, input)),
        ...(body ? [$('label', { textContent: 'Body' }, body), $('pre', { textContent: pretty(op.requestBody.content['application/json'].schema) })] : []),
        ...(okSchema ? [$('label', { textContent: 'Answer ' + ok[0] }), $('pre', { textContent: pretty(okSchema) })] : []),
        send, out));
  }

  fetch('/v2/openapi.json').then((r) => r.json()).then((doc) => {
    const main = document.getElementById('ops');
    main.textContent = '';
    main.append($('p', { textContent: doc.info.description }));
    const byTag = new Map();
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const tag = (op.tags && op.tags[0]) || 'Other';
        if (!byTag.has(tag)) byTag.set(tag, []);
        byTag.get(tag).push(operation(path, method, op));
      }
    }
    for (const [tag, items] of byTag) main.append($('h2', { textContent: tag }), ...items);
  });
})();
`;
