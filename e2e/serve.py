#!/usr/bin/env python3
"""A static server for the end-to-end tests: dist/ under a path prefix, with files from an
overlay directory taking precedence and some files made missing, on 127.0.0.1.

    serve.py PORT PREFIX [--overlay DIR] [--missing NAME ...]
"""
import argparse
import functools
import http.server
import os
import posixpath
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
DIST = os.path.join(os.path.dirname(HERE), "dist")

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("prefix")
parser.add_argument("--overlay")
parser.add_argument("--missing", nargs="*", default=[])
args = parser.parse_args()
PREFIX = "/" + args.prefix.strip("/") + "/" if args.prefix.strip("/") else "/"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".webmanifest": "application/manifest+json"}

    def translate_path(self, path):
        path = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not path.startswith(PREFIX):
            return os.path.join(DIST, "__missing__", "x")
        rel = posixpath.normpath(path[len(PREFIX):]).lstrip("/")
        if rel in (".", ""):
            rel = "index.html"
        if rel in args.missing or rel.startswith(".."):
            return os.path.join(DIST, "__missing__", "x")
        if args.overlay and os.path.exists(os.path.join(args.overlay, rel)):
            return os.path.join(args.overlay, rel)
        return os.path.join(DIST, rel)

    def log_message(self, *a):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler).serve_forever()
