/** A real HTTP server on 127.0.0.1 recording the bodies POSTed to it (alert webhooks). */
import http from 'node:http';

export interface WebhookReceiver {
  url: string;
  /** raw bodies in arrival order */
  bodies: string[];
  /** the bodies parsed as JSON */
  json(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/alerts`,
    bodies,
    json: () => bodies.map((b) => JSON.parse(b) as Record<string, unknown>),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
