"""A fault-injecting OpenAI-compatible server on 127.0.0.1 for the litellm tests and benchmarks.

Each POST to ``/v1/chat/completions`` takes the next scripted ``Fault`` (or the default): a reply,
a delay, an HTTP error, a body that is not JSON, or a stream cut half-way. Requests are recorded.
The server stops when its context ends, or by itself after ``lifetime`` seconds.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: eight clients connecting at once would have SYNs
    # dropped and retried a second later, a stall no real provider's server (backlog 511+) shows.
    request_queue_size = 128


@dataclass
class Fault:
    content: str = "ok"
    status: int = 200
    delay: float = 0.0
    raw_body: str | None = None  # sent as-is (e.g. not JSON) instead of a completion
    cut_after: int | None = None  # streaming: chunks sent before the connection drops


class FaultServer:
    def __init__(
        self, default: Fault | Callable[[dict], Fault] | None = None, lifetime: float = 300.0
    ) -> None:
        self.script: deque[Fault] = deque()
        self.default = default or Fault()
        self.requests: list[dict[str, Any]] = []
        self.lifetime = lifetime
        self.in_flight = 0
        self.most_in_flight = 0  # the most requests the server was answering at once
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def enqueue(self, *faults: Fault) -> FaultServer:
        self.script.extend(faults)
        return self

    def _next(self, body: dict) -> Fault:
        with self._lock:
            self.requests.append(body)
            if self.script:
                return self.script.popleft()
        return self.default(body) if callable(self.default) else self.default

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    @contextlib.contextmanager
    def running(self) -> Iterator[FaultServer]:
        server = _Server(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        self._server = server
        thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        thread.start()
        timer = threading.Timer(self.lifetime, server.shutdown)
        timer.daemon = True
        timer.start()
        try:
            yield self
        finally:
            timer.cancel()
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)


def _completion(model: str, content: str) -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": 10,
            "completion_tokens": max(1, len(content.split())),
            "total_tokens": 10 + max(1, len(content.split())),
        },
    }


def _chunk(model: str, content: str | None, finish: str | None = None) -> bytes:
    delta = {"content": content} if content is not None else {}
    body = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


def _handler(owner: FaultServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # else every reply waits ~40 ms for delayed ACKs

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def _send(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._send(
                200,
                json.dumps(
                    {"object": "list", "data": [{"id": "fault", "object": "model"}]}
                ).encode(),
            )

        def do_POST(self) -> None:
            with owner._lock:
                owner.in_flight += 1
                owner.most_in_flight = max(owner.most_in_flight, owner.in_flight)
            try:
                self._post()
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a time-out test)
                self.close_connection = True
            finally:
                with owner._lock:
                    owner.in_flight -= 1

        def _post(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                body = {}
            body["_headers"] = dict(self.headers)
            fault = owner._next(body)
            if fault.delay:
                time.sleep(fault.delay)
            model = str(body.get("model", "fault"))
            if fault.status != 200:
                # Echo the Authorization header, as careless providers do: keys must still not leak.
                echo = f"injected {fault.status} for {self.headers.get('Authorization', '')}"
                error = {"error": {"message": echo, "type": "server_error", "code": fault.status}}
                self._send(fault.status, json.dumps(error).encode())
            elif fault.raw_body is not None:
                self._send(200, fault.raw_body.encode())
            elif body.get("stream"):
                self._stream(model, fault)
            else:
                self._send(200, json.dumps(_completion(model, fault.content)).encode())

        def _stream(self, model: str, fault: Fault) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            words = [w + " " for w in fault.content.split(" ")]
            words[-1] = words[-1].rstrip(" ")
            for index, word in enumerate(words):
                if fault.cut_after is not None and index >= fault.cut_after:
                    # Promise a chunk, send half of it, hang up: an incomplete chunked body.
                    self.wfile.write(b'400\r\ndata: {"choi')
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self._write_chunk(_chunk(model, word))
            self._write_chunk(_chunk(model, None, "stop"))
            self._write_chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")

        def _write_chunk(self, data: bytes) -> None:
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

    return Handler


def main() -> None:
    """Serve in a process of its own (benchmarks): one reply for every request, after ``--delay``.

    Prints the base URL, then serves until standard input closes or ``--lifetime`` runs out.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--content", default="ok")
    parser.add_argument("--lifetime", type=float, default=600.0)
    args = parser.parse_args()
    server = FaultServer(
        default=Fault(content=args.content, delay=args.delay), lifetime=args.lifetime
    )
    with server.running():
        print(server.url, flush=True)
        done = threading.Event()
        threading.Thread(target=lambda: (sys.stdin.read(), done.set()), daemon=True).start()
        done.wait(args.lifetime)


if __name__ == "__main__":
    main()
