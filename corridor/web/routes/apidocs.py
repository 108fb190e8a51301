"""/docs: the API reference, rendered on the server from the app's own OpenAPI document.

FastAPI's default /docs loads Swagger UI from a CDN and starts it with an inline script; the app
must work offline and its Content-Security-Policy forbids inline scripts, so the reference is a
plain page instead (the machine-readable document stays at /openapi.json)."""

from fastapi import APIRouter, Request

from corridor.web.auth import PUBLIC
from corridor.web.rendering import page

router = APIRouter()


def _schema_name(ref: dict | None) -> str | None:
    if not ref:
        return None
    if "$ref" in ref:
        return ref["$ref"].rsplit("/", 1)[1]
    if ref.get("type") == "array" and "$ref" in ref.get("items", {}):
        return f"list of {ref['items']['$ref'].rsplit('/', 1)[1]}"
    return ref.get("type")


def _type(schema: dict) -> str:
    if "anyOf" in schema:
        return " or ".join(_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "")
    bounds = [f"{k.replace('imum', '')} {schema[k]}" for k in ("minimum", "maximum") if k in schema]
    return kind + (f" ({', '.join(bounds)})" if bounds else "")


@router.get("/docs", include_in_schema=False, dependencies=[PUBLIC])
def api_docs(request: Request):
    spec = request.app.openapi()
    tags = {t["name"]: {"name": t["name"], "description": t.get("description", ""), "operations": []}
            for t in spec.get("tags", [])}
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            tag = (op.get("tags") or ["other"])[0]
            group = tags.setdefault(tag, {"name": tag, "description": "", "operations": []})
            ok = next((r for code, r in op.get("responses", {}).items() if code.startswith("2")), {})
            content = ok.get("content", {})
            media = next(iter(content), None)
            group["operations"].append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                "type": _type(p.get("schema", {})), "description": p.get("description", "")}
                               for p in op.get("parameters", [])],
                "body": ", ".join(op.get("requestBody", {}).get("content", {})), "media": media,
                "returns": _schema_name(content.get(media, {}).get("schema")) if media else None,
            })
    return page(request, "apidocs.html", {"title": spec["info"]["title"], "description": spec["info"].get("description", ""),
                                          "tags": [t for t in tags.values() if t["operations"]]})
