// The demo's and the tests' RethinkDB-protocol server: npm `reqlite`, in memory only.
// reqlite listens on every interface; an unauthenticated database must not, so pin it to loopback.
'use strict';
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  if (typeof port === 'number' && typeof rest[0] !== 'string') {
    return listen.call(this, port, '127.0.0.1', ...rest);
  }
  return listen.call(this, port, ...rest);
};
require('reqlite/lib/node.js');
