// Raw HTTP requests with CR/LF tricks in header values, duplicate Host/Origin headers and
// obs-fold continuation lines; prints the status line of each answer (or how the connection ended).
// Usage: node bench/attack/http-raw.mjs [token]
import net from 'node:net';
const port = Number(process.env.HTTP_PORT ?? 41300), token = process.argv[2];
const auth = token ? `Authorization: Bearer ${token}\r\n` : '';
const path = '/api/channels/rv-mllp/failed/nope/retry';
const cases = {
  'bare CR in a value': `X-A: a\rb\r\n`,
  'bare LF ends a header (injects one)': `X-A: a\nOrigin: http://evil.example\r\n`,
  'two Origin headers (good, evil)': `Origin: http://127.0.0.1:${port}\r\nOrigin: http://evil.example\r\n`,
  'two Origin headers (evil, good)': `Origin: http://evil.example\r\nOrigin: http://127.0.0.1:${port}\r\n`,
  'second Host header evil': `Host: evil.example\r\nOrigin: http://127.0.0.1:${port}\r\n`,
  'obs-fold continuation of Origin': `Origin: http://127.0.0.1:${port}\r\n evil\r\n`,
  'NUL in a value': `X-A: a\0b\r\nOrigin: http://127.0.0.1:${port}\r\n`,
  'legit Origin (control)': `Origin: http://127.0.0.1:${port}\r\n`,
};
for (const [name, extra] of Object.entries(cases)) {
  const req = `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}${extra}Content-Length: 0\r\nConnection: close\r\n\r\n`;
  const answer = await new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let buf = '';
    s.on('data', (d) => (buf += d));
    s.on('error', (e) => resolve(`error ${e.code}`));
    s.on('close', () => resolve(buf ? buf.split('\r\n')[0] + ' ' + (buf.match(/"code":"[A-Z_]+"/)?.[0] ?? '') : 'closed without answer'));
    s.write(req);
    setTimeout(() => s.destroy(), 5000);
  });
  console.log(`${name.padEnd(40)} ${answer}`);
}
