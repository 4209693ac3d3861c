"""Tests of the post-build hook's rewriting (scripts/postbuild.py): what it changes in the
page's style sheet, glue and wasm keeps what it must. `python3 -m unittest discover -s scripts`
(scripts/test.sh runs it)."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import postbuild as pb  # noqa: E402


def section(sid, body):
    return bytes([sid]) + pb.leb128(len(body)) + body


def name(text):
    b = text.encode()
    return pb.leb128(len(b)) + b


def module(imports, exports):
    """A wasm module with a type section, these function imports (module, field) and these
    function exports (name, index): enough for the rewriting, which reads sections only."""
    types = section(1, b"\x01\x60\x00\x00")  # one type: () -> ()
    imp = pb.leb128(len(imports)) + b"".join(name(m) + name(f) + b"\x00\x00" for m, f in imports)
    exp = pb.leb128(len(exports)) + b"".join(name(n) + b"\x00" + pb.leb128(i) for n, i in exports)
    return b"\0asm\x01\0\0\0" + types + section(2, imp) + section(7, exp)


def read_names(wasm):
    """(imports as (module, field), export names) of a module."""
    i, imports, exports = 8, [], []
    while i < len(wasm):
        sid = wasm[i]
        size, j = pb.read_leb(wasm, i + 1)
        body = wasm[j : j + size]
        if sid in (2, 7):
            count, k = pb.read_leb(body, 0)
            for _ in range(count):
                if sid == 2:
                    ml, k = pb.read_leb(body, k)
                    mod = body[k : k + ml].decode()
                    k += ml
                fl, k = pb.read_leb(body, k)
                field = body[k : k + fl].decode()
                k += fl + 1
                _, k = pb.read_leb(body, k)
                (imports.append((mod, field)) if sid == 2 else exports.append(field))
        i = j + size
    return imports, exports


class MinifyCss(unittest.TestCase):
    def test_comments_and_spacing_go_strings_stay(self):
        css = 'a , b {\n  content: "x , y /* not a comment */ { }";  /* gone */\n  margin: 0  auto;\n}\n'
        self.assertEqual(pb.minify_css(css), 'a,b{content: "x , y /* not a comment */ { }";margin: 0 auto;}\n')

    def test_escaped_quotes_do_not_end_a_string(self):
        css = ".q::before { content: 'it\\'s ; {' }"
        self.assertEqual(pb.minify_css(css), ".q::before{content: 'it\\'s ; {'}\n")

    def test_a_comment_between_values_still_separates_them(self):
        self.assertEqual(pb.minify_css("p{margin:0/* x */auto}"), "p{margin:0 auto}\n")

    def test_white_space_after_a_string_stays(self):
        self.assertEqual(pb.minify_css('p{content:"a"  attr(x)}'), 'p{content:"a" attr(x)}\n')

    def test_descendant_combinators_keep_their_space(self):
        self.assertEqual(pb.minify_css(".a   .b > .c {x:1}"), ".a .b > .c{x:1}\n")


class StripGlue(unittest.TestCase):
    def test_indentation_blank_lines_and_comments_go(self):
        js = "  // a comment\n  const a = 1;\n\n  /**\n   * doc\n   */\n  return `${a}`;\n"
        self.assertEqual(pb.strip_glue(js), "const a = 1;\nreturn `${a}`;\n")

    def test_a_template_literal_across_lines_leaves_the_glue_as_it_was(self):
        js = "const t = `one\n  two`;\n"
        self.assertEqual(pb.strip_glue(js), js)

    def test_code_after_a_block_comment_or_a_quoted_backtick_leaves_the_glue_as_it_was(self):
        for js in ["/* x */ foo();\n", "/*\n * x\n */ foo();\n", "x = '`' + `a\n  b`;\n"]:
            self.assertEqual(pb.strip_glue(js), js, js)


class RenameImports(unittest.TestCase):
    def test_only_the_named_imports_of_the_module_are_renamed_and_named_exports_dropped(self):
        wasm = module(
            [("./jwt-lens_bg.js", "__wbg_append_0123456789abcdef"), ("./snippets/x.js", "__wbg_keep_1")],
            [("memory_like", 0), ("intounderlyingsink_write", 1), ("__wbindgen_start", 2)],
        )
        out, mapping = pb.rename_imports(
            wasm, "./jwt-lens_bg.js", {"__wbg_append_0123456789abcdef": "$0", "__wbg_keep_1": "$1"},
            lambda e: e.startswith("intounderlying"),
        )
        self.assertEqual(mapping, {"__wbg_append_0123456789abcdef": "$0"})
        imports, exports = read_names(out)
        self.assertEqual(imports, [("./jwt-lens_bg.js", "$0"), ("./snippets/x.js", "__wbg_keep_1")])
        self.assertEqual(exports, ["memory_like", "__wbindgen_start"])


class DropClasses(unittest.TestCase):
    GLUE = (
        "export class Foo {\n    free() {\n        wasm.foo_free(this.__wbg_ptr);\n    }\n}\n"
        "if (Symbol.dispose) Foo.prototype[Symbol.dispose] = Foo.prototype.free;\n"
        "const FooFinalization = (typeof FinalizationRegistry === 'undefined')\n"
        "    ? { register: () => {}, unregister: () => {} }\n"
        "    : new FinalizationRegistry(ptr => wasm.foo_free(ptr, 1));\n"
        "export function other() {}\n"
    )

    def test_an_unused_class_goes_whole(self):
        self.assertEqual(pb.drop_classes(self.GLUE, ["Foo"]), "export function other() {}\n")

    def test_a_class_the_glue_uses_stops_the_build(self):
        with self.assertRaises(SystemExit):
            pb.drop_classes(self.GLUE + "Foo.__wrap(1);\n", ["Foo"])


if __name__ == "__main__":
    unittest.main()
