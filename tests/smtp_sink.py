"""A minimal SMTP server on loopback that accepts sessions and keeps each message's DATA."""
from __future__ import annotations

import socket
import threading


class SmtpSink:
    def __init__(self, port: int = 0):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(5)
        self.port = self.sock.getsockname()[1]
        self.received: list[str] = []
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            with conn:
                self._session(conn.makefile("rwb"))

    def _session(self, stream) -> None:
        def reply(line: str) -> None:
            stream.write(line.encode() + b"\r\n")
            stream.flush()

        reply("220 sink")
        data_mode, lines = False, []
        for raw in stream:
            line = raw.decode().rstrip("\r\n")
            if data_mode:
                if line == ".":
                    self.received.append("\n".join(lines))
                    data_mode, lines = False, []
                    reply("250 ok")
                else:
                    lines.append(line)
            elif line.upper().startswith("DATA"):
                data_mode = True
                reply("354 go on")
            elif line.upper().startswith("QUIT"):
                reply("221 bye")
                return
            else:
                reply("250 ok")

    def close(self) -> None:
        self.sock.close()
