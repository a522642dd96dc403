/* test_jsontext.c - json_text writes what jansson's indented dump writes, byte for byte. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jsontext.h"

/* Both texts of j must be equal; returns the number of bytes compared. */
static size_t
same_as_jansson(const json_t *j)
{
	struct sbuf	 b;
	char		*want = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	size_t		 n;

	cr_assert_not_null(want);
	sbuf_init(&b);
	json_text(j, &b);
	cr_assert_str_eq(b.s, want);
	n = b.len;
	sbuf_release(&b);
	free(want);
	return n;
}

Test(jsontext, every_kind_of_value_and_empty_containers)
{
	json_t *o = json_object(), *a = json_array(), *deep = json_object();

	json_object_set_new(o, "string", json_string("plain"));
	json_object_set_new(o, "zero", json_integer(0));
	json_object_set_new(o, "negative", json_integer(-1));
	json_object_set_new(o, "max", json_integer(INT64_MAX));
	json_object_set_new(o, "min", json_integer(INT64_MIN));
	json_object_set_new(o, "real", json_real(1.5));
	json_object_set_new(o, "yes", json_true());
	json_object_set_new(o, "no", json_false());
	json_object_set_new(o, "nothing", json_null());
	json_object_set_new(o, "emptyObject", json_object());
	json_object_set_new(o, "emptyArray", json_array());
	json_array_append_new(a, json_integer(1));
	json_array_append_new(a, json_array());
	json_array_append_new(a, json_object());
	json_array_append_new(a, json_string(""));
	json_object_set_new(deep, "inner", json_pack("{s:[i,{s:[]}]}", "k", 7, "l"));
	json_array_append_new(a, deep);
	json_object_set_new(o, "array", a);
	cr_assert_gt(same_as_jansson(o), 200);
	json_decref(o);
}

Test(jsontext, escapes_control_characters_quotes_and_backslashes_not_utf8_or_slash)
{
	char	 all[40];
	json_t	*o = json_object();
	int	 i;

	for (i = 1; i < 32; i++)
		all[i - 1] = (char)i;
	all[31] = '\0';
	json_object_set_new(o, "controls", json_string(all));
	json_object_set_new(o, "quote \" and \\ in a key", json_string("a \"b\" c\\d /e/"));
	json_object_set_new(o, "utf8", json_string("Zürich \xe2\x82\xac \xf0\x9f\x98\x80"));
	json_object_set_new(o, "nul", json_stringn("a\0b", 3));
	cr_assert_gt(same_as_jansson(o), 100);
	json_decref(o);
}

Test(jsontext, key_order_is_insertion_order_after_replace_and_delete)
{
	json_t *o = json_object();
	int	i;

	for (i = 0; i < 50; i++) {
		char k[16];

		snprintf(k, sizeof(k), "k%02d", 49 - i);
		json_object_set_new(o, k, json_integer(i));
	}
	json_object_set_new(o, "k10", json_string("replaced"));
	json_object_del(o, "k20");
	cr_assert_gt(same_as_jansson(o), 500);
	json_decref(o);
}

Test(jsontext, deep_nesting)
{
	json_t	*root = json_array(), *cur = root;
	int	 i;

	for (i = 0; i < 200; i++) {
		json_t *next = i % 2 ? json_array() : json_object();

		if (json_is_array(cur))
			json_array_append_new(cur, next);
		else
			json_object_set_new(cur, "x", next);
		cur = next;
	}
	cr_assert_gt(same_as_jansson(root), 10000);
	json_decref(root);
}

Test(jsontext, scalars_at_top_level)
{
	json_t *v[] = { json_string("top"), json_integer(42), json_true(), json_null() };
	size_t	i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		cr_assert_gt(same_as_jansson(v[i]), 0);
		json_decref(v[i]);
	}
}

static void
collect(void *ctx, const char *s, size_t n)
{
	struct sbuf *b = ctx;

	cr_assert_leq(n, (size_t)80 * 1024, "a piece of %zu bytes: the text was held whole", n);
	sbuf_add(b, s, n);
}

/* An object of about 300 KiB: the stream hands it on in pieces. */
static json_t *
big_object(void)
{
	json_t	*o = json_object(), *a = json_array();
	int	 i;

	for (i = 0; i < 5000; i++)
		json_array_append_new(a, json_pack("{s:s,s:i}", "name", "VNet-with-a-long-name", "n", i));
	json_object_set_new(o, "first", json_string("x"));
	json_object_set_new(o, "items", a);
	return o;
}

Test(jsontext, writer_with_a_sink_gives_the_same_text_in_pieces)
{
	json_t		*o = big_object();
	char		*want = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	struct sbuf	 b, pending;
	struct jwriter	 w;

	sbuf_init(&b);
	sbuf_init(&pending);
	jw_init(&w, &pending, 0);
	jw_set_sink(&w, collect, &b);
	jw_value(&w, o);
	cr_assert_lt(pending.len, (size_t)80 * 1024, "the writer held %zu bytes", pending.len);
	jw_flush(&w);
	cr_assert_eq(pending.len, 0);
	cr_assert_gt(b.len, (size_t)200 * 1024);
	cr_assert_str_eq(b.s, want);
	jw_release(&w);
	sbuf_release(&pending);
	sbuf_release(&b);
	free(want);
	json_decref(o);
}

/*
 * As migrate writes plan.json: the writer's members, then a value that
 * someone else writes to the same sink (jw_flush, the text, jw_skip), then
 * more members.
 */
Test(jsontext, writer_takes_a_value_written_elsewhere)
{
	json_t		*o = big_object(), *whole = json_object();
	char		*want, *inner;
	struct sbuf	 b, pending, deeper;
	struct jwriter	 w, w2;
	size_t		 i;

	json_object_set_new(whole, "before", json_integer(1));
	json_object_set(whole, "spliced", o);
	json_object_set_new(whole, "after", json_string("end"));
	want = json_dumps(whole, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	/* the spliced value's text one level deeper, as migrate's tee indents it */
	sbuf_init(&deeper);
	jw_init(&w2, &deeper, 1);
	jw_value(&w2, o);
	jw_release(&w2);
	inner = deeper.s;

	sbuf_init(&b);
	sbuf_init(&pending);
	jw_init(&w, &pending, 0);
	jw_set_sink(&w, collect, &b);
	jw_object(&w);
	jw_key(&w, "before");
	jw_integer(&w, 1);
	jw_key(&w, "spliced");
	jw_flush(&w);
	for (i = 0; i < deeper.len; i += 4096)
		collect(&b, inner + i, deeper.len - i < 4096 ? deeper.len - i : 4096);
	jw_skip(&w);
	jw_kstring(&w, "after", "end");
	jw_end_object(&w);
	jw_flush(&w);
	cr_assert_str_eq(b.s, want);
	jw_release(&w);
	sbuf_release(&pending);
	sbuf_release(&b);
	sbuf_release(&deeper);
	free(want);
	json_decref(o);
	json_decref(whole);
}

Test(jsontext, xutf8dup_keeps_valid_text_and_replaces_each_stray_byte)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "plain ASCII", "plain ASCII" },
		{ "Z\xc3\xbcrich \xe2\x82\xac \xf0\x9f\x98\x80", "Z\xc3\xbcrich \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ "Latin-1 \xfc", "Latin-1 \xef\xbf\xbd" },
		{ "overlong \xc0\x80", "overlong \xef\xbf\xbd\xef\xbf\xbd" },
		{ "surrogate \xed\xa0\x80", "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "beyond U+10FFFF \xf4\x90\x80\x80", "beyond U+10FFFF \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "cut short \xe2\x82", "cut short \xef\xbf\xbd\xef\xbf\xbd" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char	*s = xutf8dup(cases[i].in);
		json_t	*j = json_string(s);

		cr_assert_str_eq(s, cases[i].want, "case %zu", i);
		cr_assert_not_null(j, "jansson refuses case %zu", i);
		json_decref(j);
		free(s);
	}
}

Test(jsontext, writer_gives_jansson_text_without_a_tree)
{
	json_t		*o = json_pack("{s:s,s:{},s:[],s:{s:[s,{s:b,s:[]}],s:b},s:s}",
	    "$schema", "x\"y", "empty", "none", "nested", "list", "one", "flag", 1, "inner",
	    "off", 0, "last", "tab\there");
	char		*want = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	struct sbuf	 b;
	struct jwriter	 w;

	cr_assert_not_null(want);
	sbuf_init(&b);
	jw_init(&w, &b, 0);
	jw_object(&w);
	jw_kstring(&w, "$schema", "x\"y");
	jw_key(&w, "empty");
	jw_object(&w);
	jw_end_object(&w);
	jw_key(&w, "none");
	jw_array(&w);
	jw_end_array(&w);
	jw_key(&w, "nested");
	jw_object(&w);
	jw_key(&w, "list");
	jw_array(&w);
	jw_string(&w, "one");
	jw_object(&w);
	jw_key(&w, "flag");
	jw_bool(&w, true);
	jw_key(&w, "inner");
	jw_array(&w);
	jw_end_array(&w);
	jw_end_object(&w);
	jw_end_array(&w);
	jw_key(&w, "off");
	jw_bool(&w, false);
	jw_end_object(&w);
	jw_kstring(&w, "last", "tab\there");
	jw_end_object(&w);
	cr_assert_str_eq(b.s, want);
	jw_release(&w);
	sbuf_release(&b);
	free(want);
	json_decref(o);
}
