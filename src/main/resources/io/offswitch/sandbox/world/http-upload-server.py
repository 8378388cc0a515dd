#!/usr/bin/python3
# An HTTP upload endpoint for a host of an offswitch world: PUT /some/path stores the body at that path
# below the upload directory; POST with multipart/form-data stores each file part under its file name
# (its base name only). With a token file, a request without "Authorization: Bearer TOKEN" gets 401.
# Bodies are streamed to disk in chunks (uploads of hundreds of MiB), into a temporary name renamed
# when complete, so an interrupted upload leaves a ".part" file, never a file that looks whole.
# Usage: server.py PORT UPLOAD_DIR [TOKEN_FILE]
import hmac
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK = 1 << 16
DRAIN_SECONDS = 30
PORT = int(sys.argv[1])
ROOT = os.path.realpath(sys.argv[2])
TOKEN = open(sys.argv[3]).read().strip() if len(sys.argv) > 3 else None


def target(name):
    """The file below ROOT a request names, or None when it would leave ROOT."""
    path = os.path.realpath(os.path.join(ROOT, name.lstrip("/")))
    if path == ROOT or not path.startswith(ROOT + os.sep):
        return None
    return path


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "upload/1.0"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s %s\n" % (self.address_string(), fmt % args))

    def answer(self, code, text):
        body = (text + "\n").encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def allowed(self):
        if TOKEN is None:
            return True
        given = self.headers.get("Authorization", "")
        if given.startswith("Bearer ") and hmac.compare_digest(given[7:].strip().encode(), TOKEN.encode()):
            return True
        self.close_connection = True
        self.answer(401, "missing or wrong bearer token")
        return False

    def length(self):
        value = self.headers.get("Content-Length")
        if value is None or not value.isdigit():
            self.close_connection = True
            self.answer(411, "Content-Length required")
            return None
        return int(value)

    def store(self, path, chunks):
        """Writes the chunks to path through a .part file; True when all arrived."""
        os.makedirs(os.path.dirname(path), exist_ok=True)
        part = path + ".part"
        with open(part, "wb") as out:
            for chunk in chunks:
                if chunk is None:
                    return False
                out.write(chunk)
        os.replace(part, path)
        return True

    def body(self, n):
        self.left = n
        while self.left > 0:
            chunk = self.rfile.read(min(CHUNK, self.left))
            if not chunk:
                yield None
                return
            self.left -= len(chunk)
            yield chunk

    def refuse_rest(self, code, text, left):
        """Answers an upload that cannot be stored. The unread rest of the body is read and dropped first
        (for at most DRAIN_SECONDS): closing a socket with unread bytes makes the kernel reset the
        connection, which can destroy the answer before the client reads it."""
        self.close_connection = True
        self.connection.settimeout(1)
        deadline = time.monotonic() + DRAIN_SECONDS
        try:
            while left > 0 and time.monotonic() < deadline:
                chunk = self.rfile.read(min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass
        self.answer(code, text)

    def do_GET(self):
        if self.path.split("?")[0] in ("/", "/health"):
            self.answer(200, "upload service: PUT /NAME or POST multipart/form-data")
        else:
            self.answer(404, "not found (this service only accepts uploads)")

    def do_PUT(self):
        if not self.allowed():
            return
        n = self.length()
        if n is None:
            return
        path = target(self.path.split("?")[0])
        if path is None:
            self.close_connection = True
            self.answer(400, "bad upload path")
            return
        self.left = n
        try:
            complete = self.store(path, self.body(n))
        except OSError as e:
            self.refuse_rest(507, "cannot store: %s" % e.strerror, self.left)
            return
        if complete:
            self.answer(201, "stored %d bytes" % n)
        else:
            self.close_connection = True

    def do_POST(self):
        if not self.allowed():
            return
        n = self.length()
        if n is None:
            return
        ctype = self.headers.get("Content-Type", "")
        if not ctype.startswith("multipart/form-data") or "boundary=" not in ctype:
            self.close_connection = True
            self.answer(415, "POST takes multipart/form-data; use PUT for a raw body")
            return
        boundary = ctype.split("boundary=", 1)[1].split(";")[0].strip().strip('"').encode()
        self.reader = Reader(self.rfile, n)
        try:
            stored = self.multipart(boundary, self.reader)
        except OSError as e:
            self.refuse_rest(507, "cannot store: %s" % e.strerror, self.reader.left)
            return
        except ValueError as e:
            self.close_connection = True
            self.answer(400, str(e))
            return
        self.answer(201, "stored " + ", ".join(stored) if stored else "no file parts")

    def multipart(self, boundary, reader):
        """Streams each part of a multipart body; file parts are stored, other fields skipped."""
        delimiter = b"--" + boundary
        line = reader.line()
        while line is not None and line.rstrip(b"\r\n") != delimiter:
            line = reader.line()
        if line is None:
            raise ValueError("no multipart boundary in the body")
        stored = []
        while True:
            headers = {}
            while True:
                h = reader.line()
                if h is None:
                    raise ValueError("the body ended inside a part's headers")
                h = h.rstrip(b"\r\n")
                if not h:
                    break
                key, _, value = h.decode("utf-8", "replace").partition(":")
                headers[key.strip().lower()] = value.strip()
            name = filename(headers.get("content-disposition", ""))
            chunks = reader.until(b"\r\n" + delimiter)
            if name:
                path = target(name)
                if path is None:
                    raise ValueError("bad file name in a part")
                if not self.store(path, chunks):
                    raise ValueError("the body ended inside a file part")
                stored.append(name)
            else:
                for c in chunks:
                    if c is None:
                        raise ValueError("the body ended inside a part")
            rest = reader.line()
            if rest is None or rest.startswith(b"--"):
                return stored


def filename(disposition):
    for item in disposition.split(";"):
        key, _, value = item.strip().partition("=")
        if key == "filename":
            return os.path.basename(value.strip().strip('"'))
    return None


class Reader:
    """A bounded reader of the request body that can stream up to a delimiter."""

    def __init__(self, raw, n):
        self.raw = raw
        self.left = n
        self.buf = b""

    def fill(self):
        if self.left <= 0:
            return False
        chunk = self.raw.read(min(CHUNK, self.left))
        if not chunk:
            self.left = 0
            return False
        self.left -= len(chunk)
        self.buf += chunk
        return True

    def line(self):
        while b"\n" not in self.buf:
            if len(self.buf) > 8192 or not self.fill():
                if not self.buf:
                    return None
                out, self.buf = self.buf, b""
                return out
        i = self.buf.index(b"\n") + 1
        out, self.buf = self.buf[:i], self.buf[i:]
        return out

    def until(self, delimiter):
        """Yields the bytes before delimiter (consumed), or None if the body ends first."""
        while True:
            i = self.buf.find(delimiter)
            if i >= 0:
                if i:
                    yield self.buf[:i]
                self.buf = self.buf[i + len(delimiter):]
                return
            keep = len(delimiter)
            if len(self.buf) > keep:
                yield self.buf[:-keep]
                self.buf = self.buf[-keep:]
            if not self.fill():
                yield None
                return


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


os.makedirs(ROOT, exist_ok=True)
server = Server(("0.0.0.0", PORT), Handler)
sys.stderr.write("listening on port %d\n" % PORT)
sys.stderr.flush()
server.serve_forever()
