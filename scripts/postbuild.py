#!/usr/bin/env python3
"""Trunk's post-build hook (see Trunk.toml): finishes the site in Trunk's staging directory.

1. No inline script in index.html: Trunk's start-up module moves to a file of its own
   (`start-<hash>.js`), so the Content-Security-Policy can be the same static text in the
   page's meta tag and in a server's header: nothing from any other origin, no inline code.
2. sw.js: the service worker, with the list of this build's files to keep for offline use
   and a version that changes whenever any file does.
3. The page's wasm-bindgen glue and wasm, smaller on the wire (the first load): each
   import's hashed name becomes a short one in both files, and the glue loses its
   indentation and comment lines, the style sheet its comments and spacing; the same code
   runs (`shrink_page`).
4. jwt-lens.html: the whole app in one file (CSS, JS, both wasm modules inlined; the
   verifier worker started from a blob: URL), for file:// and air-gapped machines.

Standard library only: it runs wherever Trunk does (python3 is part of the set-up).
"""

import base64
import hashlib
import json
import os
import re
import subprocess
import sys

STAGING = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def read(name, mode="r"):
    path = os.path.join(STAGING, name)
    if "b" in mode:
        with open(path, "rb") as f:
            return f.read()
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(name, text):
    with open(os.path.join(STAGING, name), "w", encoding="utf-8") as f:
        f.write(text)


def sha256_b64(text):
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def csp(script_hashes, extra):
    """The policy: only this origin (or, for the single file, only what is inline)."""
    scripts = " ".join(f"'sha256-{h}'" for h in script_hashes)
    directives = {
        "default-src": "'none'",
        "script-src": " ".join(x for x in (extra["script"], scripts, "'wasm-unsafe-eval'") if x),
        "style-src": extra["style"],
        "img-src": extra["img"],
        "connect-src": extra["connect"],
        "worker-src": extra["worker"],
        "manifest-src": extra["manifest"],
        "base-uri": "'none'",
        "form-action": "'none'",
    }
    return "; ".join(f"{k} {v}" for k, v in directives.items())


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def add_csp(html, policy):
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    return html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  ' + meta, 1)


def site_files():
    out = []
    for base, _, files in os.walk(STAGING):
        for f in files:
            rel = os.path.relpath(os.path.join(base, f), STAGING).replace(os.sep, "/")
            if rel in ("sw.js", "jwt-lens.html", ".trunk-lock") or rel.startswith("."):
                continue
            out.append(rel)
    return sorted(out)


def is_dev_reload(body):
    """Trunk's live-reload script (`trunk serve` only): its placeholders are filled in when
    the page is served, so it must stay inline."""
    return "__trunk_address__" in body.lower()


def externalize_scripts(html):
    """Moves each inline script into a file named by its hash."""

    def move(m):
        attrs, body = m.group(1), m.group(2)
        if is_dev_reload(body):
            return m.group(0)
        name = f"start-{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
        write(name, body.strip() + "\n")
        return f'<script{attrs} src="./{name}"></script>'

    return INLINE_SCRIPT.sub(move, html)


def leb128(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def read_leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def rename_imports(wasm, module, names, drop_export=lambda name: False):
    """The wasm with each import of `module` whose field is in `names` renamed, and without
    the exports `drop_export` names; every other byte as it was. Returns (wasm, {old: new})."""
    assert wasm[:8] == b"\0asm\x01\0\0\0", "not a wasm module"
    out = bytearray(wasm[:8])
    i = 8
    mapping = {}
    while i < len(wasm):
        sid = wasm[i]
        size, j = read_leb(wasm, i + 1)
        body = wasm[j : j + size]
        if sid == 2:
            count, k = read_leb(body, 0)
            new = bytearray(leb128(count))
            for _ in range(count):
                ml, k2 = read_leb(body, k)
                mod = body[k2 : k2 + ml]
                fl, k3 = read_leb(body, k2 + ml)
                field = body[k3 : k3 + fl].decode("utf-8")
                k = k3 + fl
                # The import's description: kind, then its type (function: a type index;
                # table: type and limits; memory: limits; global: type and mutability).
                start = k
                kind = body[k]
                k += 1
                if kind == 0:
                    _, k = read_leb(body, k)
                elif kind == 1:
                    k += 1
                    flags, k = read_leb(body, k)
                    _, k = read_leb(body, k)
                    if flags & 1:
                        _, k = read_leb(body, k)
                elif kind == 2:
                    flags, k = read_leb(body, k)
                    _, k = read_leb(body, k)
                    if flags & 1:
                        _, k = read_leb(body, k)
                elif kind == 3:
                    k += 2
                else:
                    sys.exit(f"postbuild: unknown import kind {kind}")
                if mod.decode("utf-8") == module and field in names:
                    field = mapping.setdefault(field, names[field])
                fb = field.encode("utf-8")
                new += leb128(len(mod)) + mod + leb128(len(fb)) + fb + body[start:k]
            body = bytes(new)
        elif sid == 7:
            count, k = read_leb(body, 0)
            kept = []
            for _ in range(count):
                nl, k2 = read_leb(body, k)
                name = body[k2 : k2 + nl].decode("utf-8")
                _, end = read_leb(body, k2 + nl + 1)  # kind, then index
                if not drop_export(name):
                    kept.append(body[k:end])
                k = end
            body = leb128(len(kept)) + b"".join(kept)
        out += bytes([sid]) + leb128(len(body)) + body
        i = j + size
    return bytes(out), mapping


def strip_glue(js):
    """The glue without indentation, blank lines and comment lines; it is left as it was
    when a line could fool that reading: a block comment with code on its line, or a line
    with a backtick that ends inside a string or template literal (which may go on to other
    lines). The glue wasm-bindgen writes has neither."""
    lines = []
    in_block = False
    for line in js.split("\n"):
        t = line.strip()
        if in_block or t.startswith("/*"):
            end = t.find("*/")
            if end >= 0 and t[end + 2 :].strip():
                return js
            in_block = end < 0
            continue
        if not t or t.startswith("//"):
            continue
        if "`" in t and open_quote(t):
            return js
        lines.append(t)
    return "\n".join(lines) + "\n"


def open_quote(line):
    """Whether a line of JS ends inside a string or template literal (its quotes read left
    to right, escapes skipped, a `//` outside them ending the line)."""
    quote = None
    i = 0
    while i < len(line):
        c = line[i]
        if quote and c == "\\":
            i += 2
            continue
        if quote is None and line.startswith("//", i):
            break
        if quote is None and c in "'\"`":
            quote = c
        elif c == quote:
            quote = None
        i += 1
    return quote is not None


# Classes the page's wasm exports though nothing uses them: `wasm-streams`' stream adapters,
# which Leptos links through `server_fn` for server functions a client-side page never has.
UNUSED_CLASSES = ("IntoUnderlyingByteSource", "IntoUnderlyingSink", "IntoUnderlyingSource")


def drop_classes(glue, classes):
    """The glue without these exported classes (their definition, their `Symbol.dispose`
    line, their finalization registry); a build stops if anything else names one."""
    for c in classes:
        glue, n = re.subn(r"^export class " + c + r" \{\n.*?^\}\n", "", glue, count=1, flags=re.M | re.S)
        glue, m = re.subn(r"^if \(Symbol\.dispose\) " + c + r"\.prototype\[.*\n", "", glue, flags=re.M)
        glue, f = re.subn(r"^const " + c + r"Finalization = .*?\);\n", "", glue, count=1, flags=re.M | re.S)
        if (n, m, f) != (1, 1, 1) or re.search(r"\b" + c + r"\b", glue):
            sys.exit(f"postbuild: the glue's class {c} is not as expected, or is used")
    return glue


def page_imports(glue):
    """What `shrink_page` renames in the page's wasm, read from wasm-bindgen's glue: the
    glue's imports (`__wbg_…` fields), sorted; the short name of each (`$0`, `$1`, …, in
    that order); and the prefixes of the exports it drops (`UNUSED_CLASSES`).
    scripts/names-build.sh renames a build with names kept the same way."""
    fields = sorted(set(re.findall(r"^\s*(__wbg_\w+): function\(", glue, flags=re.M)))
    names = {f: f"${n}" for n, f in enumerate(fields)}
    prefixes = tuple(c.lower() + "_" for c in UNUSED_CLASSES) + tuple(f"__wbg_{c.lower()}_" for c in UNUSED_CLASSES)
    return fields, names, prefixes


def shrink_page():
    """The page's glue and wasm, smaller with the same code (the first load's budget): the
    hashed import names wasm-bindgen writes (`__wbg_appendChild_8204974b7328bf98`, 153 of
    them, incompressible) become `$0`, `$1`, … in the wasm's import section and the glue's
    import object; the exports of classes nothing uses (`UNUSED_CLASSES`) go, and their
    code with them (wasm-opt again); then the glue is stripped, and the style sheet
    minified. Each of the three files is named from its new content; returns {Trunk's
    name: the new one}."""
    page_js = next(f for f in os.listdir(STAGING) if re.fullmatch(r"jwt-lens-[0-9a-f]+\.js", f))
    page_wasm = next(f for f in os.listdir(STAGING) if re.fullmatch(r"jwt-lens-[0-9a-f]+_bg\.wasm", f))
    glue = read(page_js)
    if re.search(r"\$\d", glue):
        sys.exit("postbuild: the glue already uses a name of the form $N")
    fields, names, prefixes = page_imports(glue)
    glue = drop_classes(glue, UNUSED_CLASSES)
    wasm, mapping = rename_imports(read(page_wasm, "rb"), "./jwt-lens_bg.js", names, lambda e: e.startswith(prefixes))
    if set(mapping) != set(fields):
        sys.exit("postbuild: the glue's imports and the wasm's differ")
    glue = re.sub(r"\b__wbg_\w+", lambda m: mapping.get(m.group(0), m.group(0)), glue)
    if re.search(r"wasm\.(" + "|".join(p.rstrip("_") for p in prefixes) + r")_", glue):
        sys.exit("postbuild: the glue still calls an export it drops")
    glue = strip_glue(glue)
    write(page_js, glue)
    path = os.path.join(STAGING, page_wasm)
    with open(path, "wb") as f:
        f.write(wasm)
    # Without those exports their code is unreachable: wasm-opt (Trunk's, on the PATH)
    # removes it, with the options Trunk gave it.
    features = [f"--enable-{f}" for f in ("bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue")]
    subprocess.run(["wasm-opt", "-Oz", *features, path, "-o", path], check=True)
    css = next(f for f in os.listdir(STAGING) if re.fullmatch(r"main-[0-9a-f]+\.css", f))
    write(css, minify_css(read(css)))
    # Each file is named again from its new content: Trunk's names hash what it wrote, and
    # servers may cache hashed names for ever (deploy/), so a name must never see two contents.
    renamed = {}
    for name in (page_js, page_wasm, css):
        digest = hashlib.sha256(read(name, "rb")).hexdigest()[:16]
        new = re.sub(r"-[0-9a-f]+(_bg\.wasm|\.js|\.css)$", lambda m: f"-{digest}{m.group(1)}", name)
        os.replace(os.path.join(STAGING, name), os.path.join(STAGING, new))
        renamed[name] = new
    return renamed


def minify_css(css):
    """The style sheet without comments and with each run of white space and comments one
    space (none beside `{`, `}`, `;`, `,`); strings as written."""
    parts = []  # (is a string, text)
    plain = []
    i, n = 0, len(css)
    while i < n:
        c = css[i]
        if c in "\"'":
            j = i + 1
            while j < n and css[j] != c:
                j += 2 if css[j] == "\\" else 1
            parts.append((False, "".join(plain)))
            plain = []
            parts.append((True, css[i : j + 1]))
            i = j + 1
        elif css.startswith("/*", i) or c.isspace():
            # A comment separates tokens as white space does (`0/**/auto` is two values).
            if c.isspace():
                i += 1
            else:
                end = css.find("*/", i + 2)
                i = n if end < 0 else end + 2
            last = plain[-1] if plain else (parts[-1][1][-1:] if parts else "")
            if last not in ("", " "):
                plain.append(" ")
        else:
            plain.append(c)
            i += 1
    parts.append((False, "".join(plain)))
    text = "".join(t if quoted else re.sub(r" ?([{};,]) ?", r"\1", t) for quoted, t in parts)
    return text.strip() + "\n"


def sri(name):
    return "sha384-" + base64.b64encode(hashlib.sha384(read(name, "rb")).digest()).decode("ascii")


def rehash(html, files):
    """index.html with the integrity attribute of each of these files computed again."""
    for name in files:
        pattern = re.compile(r'(href="\./' + re.escape(name) + r'"[^>]*?integrity=")sha384-[^"]*(")')
        html, n = pattern.subn(lambda m: m.group(1) + sri(name) + m.group(2), html)
        if n != 1:
            sys.exit(f"postbuild: no integrity attribute for {name} in index.html")
    return html


def main():
    original = read("index.html")
    dev = any(is_dev_reload(body) for _, body in INLINE_SCRIPT.findall(original))
    if not dev:
        renamed = shrink_page()
        for old_name, new_name in renamed.items():
            original = original.replace(old_name, new_name)
        original = rehash(original, renamed.values())
        # The source's comments explain index.html to its readers, not to browsers.
        original = re.sub(r"\n?[ \t]*<!--.*?-->", "", original, flags=re.S)
        original = re.sub(r"\n\s*\n", "\n", original)
    html = externalize_scripts(original)
    # deploy/nginx.conf and deploy/Caddyfile send this same policy as a header. Under
    # `trunk serve` only, the live-reload script stays inline and talks to the dev server
    # over a WebSocket: the development policy allows exactly that, never a release build.
    dev = any(is_dev_reload(body) for _, body in INLINE_SCRIPT.findall(html))
    policy = csp(
        [],
        {
            "script": "'self' 'unsafe-inline'" if dev else "'self'",
            "style": "'self'",
            "img": "'self'",
            "connect": "'self' ws: wss:" if dev else "'self'",
            "worker": "'self'",
            "manifest": "'self'",
        },
    )
    write("index.html", add_csp(html, policy))

    # The service worker: this build's files, and a version that is their hash.
    files = site_files()
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.encode())
        digest.update(read(f, "rb"))
    template = open(os.path.join(ROOT, "public", "sw.template.js"), encoding="utf-8").read()
    sw = template.replace("__VERSION__", digest.hexdigest()[:16]).replace(
        "__FILES__", json.dumps(["./"] + [f"./{f}" for f in files if f != "trusted-keys.json"], indent=2)
    )
    write("sw.js", sw)

    if not dev:
        single_file(original)


def single_file(html):
    """dist/jwt-lens.html: everything inline; works from file:// with no server."""
    page_js = next(f for f in os.listdir(STAGING) if re.fullmatch(r"jwt-lens-[0-9a-f]+\.js", f))
    page_wasm = next(f for f in os.listdir(STAGING) if re.fullmatch(r"jwt-lens-[0-9a-f]+_bg\.wasm", f))
    css = next(f for f in os.listdir(STAGING) if re.fullmatch(r"main-[0-9a-f]+\.css", f))
    glue = read(page_js)
    # Inline the snippet modules the glue imports (plain functions, exported), each once;
    # a namespace import (`import * as m`) becomes an object of the module's functions.
    inlined = set()
    def module_body(path):
        path = os.path.normpath(path).replace("\\", "/")
        body = read(path)
        names = re.findall(r"^export\s+(?:async\s+)?function\s+(\w+)", body, flags=re.M)
        if path in inlined:
            return "", names
        inlined.add(path)
        return f"// {path}, inlined\n" + re.sub(r"^export\s+", "", body, flags=re.M) + "\n", names
    def inline_named(m):
        return module_body(m.group(2))[0]
    def inline_namespace(m):
        body, names = module_body(m.group(2))
        return f"{body}const {m.group(1)} = {{ {', '.join(names)} }};\n"
    glue = re.sub(r"^import \{([^}]*)\} from '\./(snippets/[^']+)';?\s*$", inline_named, glue, flags=re.M)
    glue = re.sub(r"^import \* as (\w+) from [\"']\./(snippets/[^\"']+)[\"'];?\s*$", inline_namespace, glue, flags=re.M)
    if re.search(r"^import ", glue, flags=re.M):
        sys.exit("postbuild: the page's JS imports a module the single file cannot inline")
    # Module exports mean nothing in an inline script; keep the declarations.
    glue = re.sub(r"^export \{[^}]*\};?\s*$", "", glue, flags=re.M)
    glue = re.sub(r"^export (class|function|const|let|async function) ", r"\1 ", glue, flags=re.M)
    boot = """
// Boot: the verifier worker from a blob: URL (a file:// page cannot start one from a file),
// then the page itself, from the wasm bytes embedded below.
const jwtLensBytes = (id) => {
  const s = atob(document.getElementById(id).textContent.trim());
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
};
{
  const js = document.getElementById('verifier-js').textContent;
  const wasm = document.getElementById('verifier-wasm').textContent.trim();
  const start = `\\n;(() => { const s = atob(${JSON.stringify(wasm)}); const b = new Uint8Array(s.length);` +
    ` for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); wasm_bindgen({ module_or_path: b }); })();`;
  globalThis.jwtLensWorkerUrl = URL.createObjectURL(new Blob([js, start], { type: 'text/javascript' }));
  // The extras (loaded on first use): their script from a blob: URL, their wasm as bytes.
  globalThis.jwtLensExtrasUrl = URL.createObjectURL(
    new Blob([document.getElementById('extras-js').textContent], { type: 'text/javascript' }));
  globalThis.jwtLensExtrasWasm = jwtLensBytes('extras-wasm');
}
await __wbg_init({ module_or_path: jwtLensBytes('page-wasm') });
"""
    module = glue + boot
    style = read(css)
    b64 = lambda name: base64.b64encode(read(name, "rb")).decode("ascii")
    head = html.split("<head>", 1)[1].split("</head>", 1)[0]
    metas = "\n".join(
        l for l in head.splitlines() if l.strip().startswith(("<meta", "<title"))
    )
    policy = csp(
        [sha256_b64(module)],
        {
            "script": "blob:",
            "style": f"'sha256-{sha256_b64(style)}'",
            "img": "data:",
            "connect": "'none'",
            "worker": "blob:",
            "manifest": "'none'",
        },
    )
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
{metas}
<link rel="icon" href="data:,">
<style>{style}</style>
<script id="verifier-js" type="text/plain">{read("verifier.js")}</script>
<script id="verifier-wasm" type="text/plain">{b64("verifier_bg.wasm")}</script>
<script id="extras-js" type="text/plain">{read("extras.js")}</script>
<script id="extras-wasm" type="text/plain">{b64("extras_bg.wasm")}</script>
<script id="page-wasm" type="text/plain">{b64(page_wasm)}</script>
<script type="module">{module}</script>
</head>
<body>
  <noscript>JWT Lens needs JavaScript and WebAssembly: it decodes tokens in your browser, without a server.</noscript>
</body>
</html>
"""
    page = add_csp(page, policy)
    write("jwt-lens.html", page)


if __name__ == "__main__":
    main()
