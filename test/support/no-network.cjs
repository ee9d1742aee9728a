// Preload (`node --require`) that takes the network away: any socket or name lookup for a host other than
// this machine throws, in the main thread and in every worker thread started after it (Node does not run
// preloads in worker threads, so each new Worker loads this file first). Proves the OCR path loads
// everything it needs from disk.
const dns = require("node:dns");
const net = require("node:net");
const { fileURLToPath } = require("node:url");
const threads = require("node:worker_threads");

const LOCAL = /^(?:localhost|127\.\d+\.\d+\.\d+|::1|0\.0\.0\.0)$/;

function refuse(host) {
  const error = new Error(`network is off in this test: connection to ${host} refused`);
  error.code = "ENETUNREACH";
  throw error;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = args[0];
  const options = typeof first === "object" && first !== null ? first : { port: first, host: args[1] };
  const host = options.path ? "localhost" : (options.host ?? "localhost");
  if (!LOCAL.test(String(host))) refuse(host);
  return connect.apply(this, args);
};
for (const name of ["lookup", "resolve", "resolve4", "resolve6"]) {
  const original = dns[name];
  dns[name] = function (host, ...rest) {
    if (!LOCAL.test(String(host))) refuse(host);
    return original.call(this, host, ...rest);
  };
}

const Worker = threads.Worker;
threads.Worker = class extends Worker {
  constructor(file, options = {}) {
    const self = JSON.stringify(__filename);
    if (options.eval) {
      super(`require(${self});\n${file}`, options);
    } else {
      const path = file instanceof URL ? fileURLToPath(file) : String(file);
      super(`require(${self}); require(${JSON.stringify(path)});`, { ...options, eval: true });
    }
  }
};
