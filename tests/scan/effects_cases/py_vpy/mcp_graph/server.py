from typing import Any

from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations
from neo4j import AsyncDriver, Query, RoutingControl


def build(driver: AsyncDriver) -> FastMCP:
    mcp = FastMCP("graph")

    # Routing a query to readers is no access control: the model's Cypher may still write.
    # expect: name=read_cypher mutating=true typed=false caps=sql
    @mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
    async def read_cypher(query: str, params: dict[str, Any]) -> list:
        """Run a read Cypher query."""
        q = Query(query, timeout=10.0)
        return await driver.execute_query(q, parameters_=params, routing_control=RoutingControl.READ)

    # Trap: a fixed Cypher read.
    # expect: name=graph_schema mutating=false typed=true caps=-
    @mcp.tool()
    async def graph_schema(sample: int) -> list:
        """The labels and properties of the graph."""
        return await driver.execute_query(f"CALL apoc.meta.schema({{sample: {sample}}}) YIELD value RETURN value")

    # The Cypher it runs writes, whatever its name says.
    # expect: name=person_tag mutating=true typed=true caps=-
    @mcp.tool()
    async def person_tag(name: str, tag: str) -> list:
        """The tag of a person, as given."""
        return await driver.execute_query("MATCH (p:Person {name: $name}) SET p.tag = $tag", name=name, tag=tag)

    return mcp
