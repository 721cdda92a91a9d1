// The anchor of benchmarks/load.sh: the smallest bot botbuilder-js makes (npm botbuilder 4.23.3, locked in
// package-lock.json), behind Node's own http server. It echoes each message through the connector, as EthicsBot
// answers through it, and answers the POST when the turn has ended (CloudAdapter.process). No app id: local mode.
'use strict';
const http = require('node:http');
const { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } = require('botbuilder');

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (_context, error) => console.error(`turn failed: ${error.message}`);

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text}`);
      await next();
    });
  }
}
const bot = new EchoBot();

// The request/response shape CloudAdapter.process expects (what restify or express would hand it).
function shim(res) {
  return {
    socket: res.socket,
    status(code) { res.statusCode = code; },
    header(name, value) { res.setHeader(name, value); },
    send(body) {
      if (body === undefined) return;
      if (typeof body !== 'string' && !Buffer.isBuffer(body)) { res.setHeader('content-type', 'application/json'); body = JSON.stringify(body); }
      res.write(body);
    },
    end(...args) { res.end(...args); },
  };
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') { res.statusCode = 404; res.end(); return; }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.statusCode = 400; res.end(); return;
    }
    adapter.process(req, shim(res), (context) => bot.run(context)).catch((e) => {
      console.error(`process failed: ${e.message}`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
});
const port = Number(process.env.PORT || 3979);
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`echo bot listening on http://127.0.0.1:${port}/api/messages`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
