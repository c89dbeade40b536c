"""A small HTTP/1.1 keep-alive load generator (asyncio, raw sockets), run as its own
process so it does not share the server's interpreter. Loopback only; bounded by time.

python -m bench.load --port P --path /graphql --token T --questions F --kind graphql
prints one JSON line: {"rps", "p50_ms", "p99_ms", "requests", "errors"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

CHECK = (
    "query($i: PrivilegeCheckInput!) { privilegeCheck(input: $i) { allowed requiresMdt "
    "validUntil registryVersion reasons { code severity message } } }"
)


def request_bytes(path: str, token: str, payload: dict[str, Any]) -> bytes:
    data = json.dumps(payload, ensure_ascii=False).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {token}\r\nContent-Length: {len(data)}\r\n\r\n"
    )
    return head.encode() + data


def payload_for(kind: str, question: dict[str, Any]) -> dict[str, Any]:
    if kind == "plain":
        return question
    if kind == "graphql":  # the trusted document's exact text
        return {"query": CHECK, "variables": {"i": question}}
    # Not on the allow-list (documents are matched by syntax tree, so not a comment):
    # an always-true directive, the same answer through per-field execution.
    ordinary = CHECK.replace("(input: $i)", "(input: $i) @include(if: true)")
    return {"query": ordinary, "variables": {"i": question}}


async def read_response(reader: asyncio.StreamReader) -> tuple[bytes, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    length, chunked = 0, False
    for line in head.split(b"\r\n"):
        lowered = line.lower()
        if lowered.startswith(b"content-length:"):
            length = int(line.split(b":", 1)[1])
        elif lowered.startswith(b"transfer-encoding:") and b"chunked" in lowered:
            chunked = True
    if not chunked:
        return head, await reader.readexactly(length)
    body = b""
    while True:
        size = int((await reader.readuntil(b"\r\n")).strip(), 16)
        body += await reader.readexactly(size + 2)
        if size == 0:
            return head, body


async def run(args: argparse.Namespace) -> dict[str, Any]:
    questions = json.loads(open(args.questions, encoding="utf-8").read())  # noqa: ASYNC230
    path = "/bench/check" if args.kind == "plain" else "/graphql"
    requests = [request_bytes(path, args.token, payload_for(args.kind, q)) for q in questions]
    requests = requests[args.offset % len(requests) :] + requests[: args.offset % len(requests)]
    latencies: list[float] = []
    errors = 0
    stop = time.perf_counter() + args.duration

    async def connection(offset: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
        index = offset
        try:
            while time.perf_counter() < stop:
                started = time.perf_counter()
                writer.write(requests[index % len(requests)])
                index += args.connections
                head, body = await read_response(reader)
                latencies.append(time.perf_counter() - started)
                if not head.startswith(b"HTTP/1.1 200") or b'"errors"' in body:
                    errors += 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*[connection(n) for n in range(args.connections)])
    elapsed = time.perf_counter() - began
    latencies.sort()
    count = len(latencies)
    return {
        "rps": round(count / elapsed, 1),
        "requests": count,
        "errors": errors,
        "p50_ms": round(latencies[count // 2] * 1000, 2) if count else None,
        "p99_ms": round(latencies[int(count * 0.99)] * 1000, 2) if count else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--questions", required=True)
    parser.add_argument(
        "--kind", choices=["graphql", "graphql-ordinary", "plain"], default="graphql"
    )
    parser.add_argument("--duration", type=float, default=15)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--offset", type=int, default=0, help="the question to start at")
    print(json.dumps(asyncio.run(run(parser.parse_args()))))


if __name__ == "__main__":
    main()
