#!/usr/bin/env python3
"""A stand-in for an ntfy server on loopback, for the sandbox: accepts POST/PUT /<topic>, answers
like ntfy, and appends one JSON line per request (method, path, headers, body) to LOG.
usage: ntfy-standin.py PORT LOG"""
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, log = int(sys.argv[1]), sys.argv[2]

class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"method": self.command, "path": self.path,
                                "headers": {k: v for k, v in self.headers.items()},
                                "body": body.decode("utf-8", "replace")}) + "\n")
        reply = json.dumps({"id": "sandbox", "time": int(time.time()), "event": "message",
                            "topic": self.path.strip("/")}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    do_PUT = do_POST

    def log_message(self, *args):
        pass

ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
