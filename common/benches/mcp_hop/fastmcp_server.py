"""The FastMCP side of `cargo bench -p common --bench mcp_hop`: the same one tool.

Started by the bench as `uvicorn fastmcp_server:app --workers 2`. Stateless Streamable HTTP
with JSON responses, as the kit serves it (and as uvicorn's worker processes need: a session
made by one worker would be unknown to the other).
"""

from fastmcp import FastMCP
from pydantic import BaseModel


class Customer(BaseModel):
    email: str
    name: str
    plan: str
    status: str


CUSTOMERS = {
    c.email: c
    for c in (
        Customer(email="alice@example.com", name="Alice", plan="pro", status="active"),
        Customer(email="bob@example.com", name="Bob", plan="free", status="active"),
        Customer(email="carol@example.com", name="Carol", plan="team", status="active"),
    )
}

mcp = FastMCP("mcp-hop-fastmcp", instructions="One in-memory lookup.")


@mcp.tool(name="lookup_customer", description="Looks a customer up by email.")
async def lookup_customer(email: str) -> Customer:
    found = CUSTOMERS.get(email)
    if found is None:
        raise ValueError("no such customer")
    return found


app = mcp.http_app(path="/mcp", stateless_http=True, json_response=True)
