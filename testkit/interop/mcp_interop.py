"""MCP interop check with the official Python SDK (mcp==2.3.0).

Drives a server's /mcp in one protocol era and exits non-zero on the first broken promise:
list tools, call a tool (structured result), call with bad arguments (isError), call an
unknown tool (error), and optionally list resource templates and read a resource.

Usage: mcp_interop.py --url URL --mode auto|legacy --spec JSON [--token BEARER]
       mcp_interop.py --url URL --mode auto|legacy --expect-unauthorized
       (connecting without a token must fail, not be served)
spec: {"tool": str, "arguments": {}, "bad_arguments": {}, "expect_tools": [str],
       "expect_templates": [str], "resource_uri": str, "calls": [{"tool", "arguments"}]}
"""

import argparse
import asyncio
import json
import sys

from mcp import Client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client

EXPECTED_VERSION = {"auto": "2026-07-28", "legacy": "2025-11-25"}


def fail(msg: str) -> None:
    print(f"FAIL: {msg}")
    sys.exit(1)


def dump(obj) -> str:
    try:
        return obj.model_dump_json(by_alias=True, exclude_none=True)
    except Exception:  # noqa: BLE001 - diagnostics only
        return repr(obj)


async def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--mode", required=True, choices=["auto", "legacy"])
    p.add_argument("--spec")
    p.add_argument("--token")
    p.add_argument("--expect-unauthorized", action="store_true")
    args = p.parse_args()

    if args.expect_unauthorized:
        try:
            async with Client(args.url, mode=args.mode) as client:
                await client.list_tools()
        except BaseException as e:  # noqa: BLE001 - the refusal may surface as any error
            # The SDK reports the server's 401 as an error response; the status itself is
            # asserted over plain HTTP by the Rust test.
            print(f"refused: {type(e).__name__}: {repr(e)[:300]}")
            print("OK")
            return
        fail("a client without a token was served")

    spec = json.loads(args.spec)
    server = args.url
    if args.token:
        http = create_mcp_http_client(headers={"Authorization": f"Bearer {args.token}"})
        server = streamable_http_client(args.url, http_client=http)

    async with Client(server, mode=args.mode) as client:
        version = client.protocol_version
        print(f"connected: mode={args.mode} protocol={version}")
        if version != EXPECTED_VERSION[args.mode]:
            fail(f"negotiated {version}, expected {EXPECTED_VERSION[args.mode]}")

        tools = await client.list_tools()
        names = [t.name for t in tools.tools]
        print(f"tools: {names}")
        for name in spec.get("expect_tools", []):
            if name not in names:
                fail(f"tool {name!r} missing from tools/list")
        for t in tools.tools:
            if t.input_schema.get("type") != "object":
                fail(f"tool {t.name!r} has a non-object inputSchema")

        calls = list(spec.get("calls", []))
        if "tool" in spec:
            calls.insert(0, {"tool": spec["tool"], "arguments": spec.get("arguments", {})})
        for call in calls:
            result = await client.call_tool(call["tool"], call.get("arguments", {}))
            print(f"call {call['tool']}: {dump(result)[:400]}")
            if result.is_error:
                fail(f"{call['tool']} returned isError: {dump(result)}")
            if result.structured_content is None:
                fail(f"{call['tool']} returned no structuredContent")

        if "bad_arguments" in spec and "tool" in spec:
            bad = await client.call_tool(spec["tool"], spec["bad_arguments"])
            print(f"bad call: {dump(bad)[:400]}")
            if not bad.is_error:
                fail("a call with bad arguments did not return isError")
            code = (bad.structured_content or {}).get("code")
            if not code:
                fail("an isError result carries no typed code")

        try:
            unknown = await client.call_tool("no_such_tool_xyz", {})
        except Exception as e:  # noqa: BLE001 - any protocol error is the expected outcome
            print(f"unknown tool raised: {type(e).__name__}: {e}")
        else:
            if not unknown.is_error:
                fail(f"calling an unknown tool succeeded: {dump(unknown)}")
            print("unknown tool: isError result")

        if "expect_templates" in spec:
            templates = await client.list_resource_templates()
            uris = [t.uri_template for t in templates.resource_templates]
            print(f"templates: {uris}")
            for uri in spec["expect_templates"]:
                if uri not in uris:
                    fail(f"resource template {uri!r} missing")
        if "resource_uri" in spec:
            res = await client.read_resource(spec["resource_uri"])
            print(f"resource: {dump(res)[:400]}")
            if not res.contents:
                fail("resources/read returned no contents")
            text = getattr(res.contents[0], "text", None)
            if text is None:
                fail("resource content is not text")
            json.loads(text)

    print("OK")


if __name__ == "__main__":
    asyncio.run(main())
