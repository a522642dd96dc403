/* load.c - libxml2 reading with no network, no DTD, no entities; XSD validation. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "build.h"
#include "load.h"
#include "xalloc.h"

static xmlSchemaPtr schema;

/* Turn a libxml2 message into ours: no trailing newline or full stop, lower case first. */
static char *
tidy_message(const char *m)
{
	static const char nsb[] = "{" NETCFG_NS "}";
	struct sbuf	 b;
	size_t		 n;

	sbuf_init(&b);
	while (m != NULL && *m != '\0') {
		/* libxml2's advice is for programs that call it, not for users */
		if (strncmp(m, " use XML_PARSE_HUGE option", 26) == 0) {
			m += 26;
			continue;
		}
		if (strncmp(m, ", use XML_PARSE_HUGE", 20) == 0) {
			m += 20;
			continue;
		}
		if (strncmp(m, nsb, sizeof(nsb) - 1) == 0) {
			m += sizeof(nsb) - 1;
			continue;
		}
		sbuf_addc(&b, *m == '\n' ? ' ' : *m);
		m++;
	}
	{
		char *q = b.s;

		while ((q = strstr(q, "': ")) != NULL) {
			q += 3;
			if (isupper((unsigned char)q[0]) && islower((unsigned char)q[1]))
				*q = (char)tolower((unsigned char)*q);
		}
	}
	n = b.len;
	while (n > 0 && (b.s[n - 1] == ' ' || b.s[n - 1] == '.'))
		n--;
	b.s[n] = '\0';
	if (n > 0 && isupper((unsigned char)b.s[0]) && !(n > 1 && isupper((unsigned char)b.s[1])))
		b.s[0] = (char)tolower((unsigned char)b.s[0]);
	return sbuf_detach(&b);
}

/* A schema error, held until the parse shows the file is well-formed. */
struct pending {
	struct pos	 pos;
	char		*msg;
};

enum root_state {
	ROOT_UNSEEN,
	ROOT_NETCFG,
	ROOT_OTHER,
};

struct parse_state {
	const char	*file;
	struct diags	*d;
	bool		 doctype;
	bool		 failed;	/* not well-formed: the first error is reported */
	struct diag	*first;		/* that error; later ones are its notes */
	/* positions of the open elements: a schema error is about the innermost */
	struct pos	*pos;
	const xmlChar	**names;	/* their names, from libxml2's dictionary */
	const xmlChar	**uris;		/* and namespaces (NULL: none) */
	size_t		 depth, cappos, capnames, capuris;
	enum root_state	 root;
	struct pos	 rootpos;
	char		*rootname, *rooturi;
	struct builder	*b;
	/* the schema validator's handlers, from xmlSchemaSAXPlug */
	xmlSAXHandlerPtr vsax;
	void		*vud;
	struct pending	*pend;
	size_t		 npend, cappend;
	const xmlChar	*ns;		/* the netcfg namespace URI as last seen */
	struct battr	*attrs;
	size_t		 capattrs;
	char		**decoded;	/* attribute values decode_amp made */
	size_t		 ndecoded, capdecoded;
	size_t		 textlen;	/* of the innermost element's text so far */
	bool		 toolong;	/* a value was refused: nothing more is validated */
	bool		 huge;		/* libxml2 refused one as too long */
	const struct input *in;
};

/*
 * No netcfg value (a name, an address, a region) comes near this.  Longer
 * ones are refused before the schema validator sees them: it takes time
 * quadratic in a text's length.
 */
#define VALUE_MAX 1024

/* libxml2's messages when a name, value or text passes its own limits. */
static bool
is_huge(const char *m)
{
	static const char *const huge[] = {
		"length too long", "Huge input lookup", "too big found", "name too long",
		"huge text node", "too long", "XML_MAX_",
	};
	size_t i;

	for (i = 0; m != NULL && i < sizeof(huge) / sizeof(huge[0]); i++)
		if (strstr(m, huge[i]) != NULL)
			return true;
	return false;
}

/* Whether the input holds only blanks (and a UTF-8 byte order mark). */
static bool
blank(const struct input *in)
{
	size_t	 i = in->len >= 3 && memcmp(in->data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	bool	 utf16 = in->len >= 2 && (memcmp(in->data, "\xff\xfe", 2) == 0 ||
		    memcmp(in->data, "\xfe\xff", 2) == 0);

	if (utf16)
		i = 2;
	for (; i < in->len; i++)
		if ((!strchr(" \t\r\n", in->data[i]) || in->data[i] == '\0') &&
		    !(utf16 && in->data[i] == '\0'))
			return false;
	return true;
}

static void
parse_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parse_state	*st = ctxt->_private;
	struct pos		 p = { st->file, 0, 0 };
	char			*msg;

	if (err == NULL || err->level == XML_ERR_WARNING || st->doctype)
		return;
	p.line = err->line > 0 ? (unsigned long)err->line : 0;
	p.col = err->int2 > 0 ? (unsigned long)err->int2 : 0;
	msg = tidy_message(err->message);
	if (st->failed) {
		/* the first error is the one; only say so if the file was cut off */
		if (err->code == XML_ERR_TAG_NOT_FINISHED && !st->huge)
			diag_note(st->first, &p, "the file ends before the document does: %s", msg);
	} else if (is_huge(err->message)) {
		/* libxml2's own limits (10,000,000 bytes), far past VALUE_MAX */
		st->first = diag_add(st->d, R_XML_SCHEMA, &p, NULL, NULL,
		    "a name or value here is longer than libxml2 reads (10,000,000 bytes); no "
		    "netcfg value is longer than %d bytes, and the file is not read", VALUE_MAX);
		st->huge = true;
	} else if (err->code == XML_ERR_DOCUMENT_EMPTY)
		st->first = diag_add(st->d, R_XML_SYNTAX, &p, NULL, NULL, "%s", blank(st->in) ?
		    "the file is empty: it holds no XML document" :
		    "the file holds no root element (only an XML declaration, comments or "
		    "processing instructions)");
	else if (err->message != NULL && strstr(err->message, "XML_PARSE_HUGE") != NULL &&
	    strstr(err->message, "depth") != NULL)
		st->first = diag_add(st->d, R_XML_SYNTAX, &p, NULL, NULL,
		    "elements nest more than 256 deep, deeper than netcfgc reads; a netcfg "
		    "document nests fewer than 10");
	else
		st->first = diag_add(st->d, R_XML_SYNTAX, &p, NULL, NULL, "not well-formed XML: %s", msg);
	st->failed = true;
	free(msg);
}

static struct pos element_pos(xmlParserCtxtPtr, const char *, const xmlChar **);

static void
refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parse_state	*st = ctxt->_private;
	struct pos		 p = { st->file, 0, 0 };

	(void)eid;
	(void)sid;
	if (ctxt->input != NULL) {
		const xmlChar *lt;

		p = element_pos(ctxt, st->file, &lt);
		if (lt == NULL || strncmp((const char *)lt, "<!DOCTYPE", 9) != 0)
			p.col = 0;
	}
	diag_add(st->d, R_XML_SYNTAX, &p, NULL, NULL,
	    "a DOCTYPE ('%s') is not allowed in netcfg: DTDs and entities are refused, "
	    "nothing was expanded or loaded", name ? (const char *)name : "");
	st->doctype = true;
	st->failed = true;
	xmlStopParser(ctxt);
}

static void
refuse_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pid,
    const xmlChar *sid, xmlChar *content)
{
	(void)type;
	(void)pid;
	(void)sid;
	(void)content;
	refuse_dtd(ctx, name, NULL, NULL);
}

/*
 * Where the start tag the parser has just read begins; *ltp is its '<', or
 * NULL when the column cannot be told.
 */
static struct pos
element_pos(xmlParserCtxtPtr ctxt, const char *file, const xmlChar **ltp)
{
	xmlParserInputPtr	 in = ctxt->input;
	struct pos		 p = { file, 0, 0 };
	const xmlChar		*lt, *q;
	unsigned long		 nl = 0, back = 1;

	*ltp = NULL;
	if (in == NULL)
		return p;
	p.line = (unsigned long)in->line;
	/*
	 * The parser stands at the end of the start tag; its '<' is the
	 * last one before (attribute values cannot hold a '<').  One pass
	 * counts the newlines and the characters in between.
	 */
	for (lt = in->cur; lt > in->base && *lt != '<'; lt--) {
		if (*lt == '\n')
			nl++;
		if (lt != in->cur && (*lt & 0xc0) != 0x80)
			back++;
	}
	if (*lt != '<')
		return p;
	p.line = (unsigned long)in->line > nl ? (unsigned long)in->line - nl : 1;
	if (nl == 0 && in->col > 0) {
		/* back counts [lt, cur): the '<' and what follows it */
		p.col = (unsigned long)in->col > back ? (unsigned long)in->col - back : 1;
		*ltp = lt;
		return p;
	}
	for (q = lt; q > in->base && q[-1] != '\n'; q--)
		;
	if (q == in->base && in->base != in->cur && in->consumed > 0)
		return p;	/* the line start was already discarded */
	p.col = utf8_count((const char *)q, (size_t)(lt - q)) + 1;
	*ltp = lt;
	return p;
}

static bool
is_blank(xmlChar c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Where the attributes a[0..n) of the start tag [lt, end), which begins at
 * el, begin: the tag as the XML grammar has it, '<' Name (S Name S? '=' S?
 * AttValue)* S? '/'? '>'.  Columns count characters, as element_pos does.
 */
static void
attr_pos(struct battr *a, size_t n, const xmlChar *lt, const xmlChar *end, struct pos el)
{
	const xmlChar	*s = lt, *at = lt, *name;	/* el is where at is */
	size_t		 i;

	while (s < end && !is_blank(*s))
		s++;
	for (;;) {
		while (s < end && is_blank(*s))
			s++;
		if (s >= end || *s == '/' || *s == '>')
			return;
		for (name = s; s < end && !is_blank(*s) && *s != '='; s++)
			;
		for (i = 0; i < n; i++) {
			if (strncmp(a[i].name, (const char *)name, (size_t)(s - name)) != 0 ||
			    a[i].name[s - name] != '\0')
				continue;
			for (; at < name; at++) {
				if (*at == '\n') {
					el.line++;
					el.col = 1;
				} else if ((*at & 0xc0) != 0x80)
					el.col++;
			}
			a[i].pos = el;
		}
		while (s < end && *s != '"' && *s != '\'')
			s++;
		if (s >= end)
			return;
		/* the value ends at the next quote like the one it starts with */
		if ((s = memchr(s + 1, *s, (size_t)(end - s - 1))) == NULL)
			return;
		s++;
	}
}

/*
 * Without entity replacement libxml2 hands an attribute value's '&' on as
 * "&#38;" (its tree builder decodes it again); every '&' there starts one.
 */
static char *
decode_amp(const char *v, size_t len, size_t *outlen)
{
	char	*s = xmalloc(len + 1), *o = s;
	size_t	 i;

	for (i = 0; i < len; i++) {
		*o++ = v[i];
		if (v[i] == '&' && i + 4 < len && memcmp(v + i, "&#38;", 5) == 0)
			i += 4;
	}
	*o = '\0';
	*outlen = (size_t)(o - s);
	return s;
}

/* libxml2 hands every use of a namespace URI on as the same interned string */
static bool
is_netcfg_ns(struct parse_state *st, const xmlChar *uri)
{
	if (uri == NULL)
		return false;
	if (uri == st->ns)
		return true;
	if (strcmp((const char *)uri, NETCFG_NS) != 0)
		return false;
	st->ns = uri;
	return true;
}

/*
 * The attributes without a namespace (netcfg's own) into st->attrs, each
 * with where it begins if the tag's '<' is at lt; returns how many.
 */
static size_t
netcfg_attrs(struct parse_state *st, int nb, const xmlChar **attributes,
    const xmlChar *lt, const xmlChar *end, const struct pos *el)
{
	size_t i, na = 0;

	xgrow((void **)&st->attrs, &st->capattrs, (size_t)nb, sizeof(*st->attrs));
	for (i = 0; i < (size_t)nb; i++) {
		const xmlChar	**a = attributes + 5 * i;
		struct battr	 *b;

		if (a[2] != NULL)
			continue;	/* in a namespace: not one of netcfg's */
		b = &st->attrs[na++];
		b->name = (const char *)a[0];
		b->value = (const char *)a[3];
		b->len = (size_t)(a[4] - a[3]);
		b->pos = (struct pos){ st->file, 0, 0 };
		if (memchr(b->value, '&', b->len) != NULL) {
			char *v = decode_amp(b->value, b->len, &b->len);

			*(char **)VEC_PUSH(st->decoded, st->ndecoded, st->capdecoded) = v;
			b->value = v;
		}
	}
	if (lt != NULL && na > 0)
		attr_pos(st->attrs, na, lt, end, *el);
	return na;
}

/* A value longer than any netcfg holds: an xml-schema error, and the end of validation. */
static void
refuse_long(struct parse_state *st, const struct pos *p, const char *el, const char *attr)
{
	struct pending *e = VEC_PUSH(st->pend, st->npend, st->cappend);

	e->pos = *p;
	if (attr != NULL)
		e->msg = xasprintf("element '%s': the value of attribute '%s' is longer than %d bytes; "
		    "no netcfg value is that long, and the rest of the file is not validated",
		    el, attr, VALUE_MAX);
	else
		e->msg = xasprintf("element '%s': its text is longer than %d bytes; no netcfg value "
		    "is that long, and the rest of the file is not validated", el, VALUE_MAX);
	st->toolong = true;
}

static void
start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parse_state	*st = ctxt->_private;
	struct pos		*p;
	const xmlChar		*lt;
	size_t			 i, na;

	xgrow((void **)&st->names, &st->capnames, st->depth + 1, sizeof(*st->names));
	st->names[st->depth] = localname;
	xgrow((void **)&st->uris, &st->capuris, st->depth + 1, sizeof(*st->uris));
	st->uris[st->depth] = uri;
	p = VEC_PUSH(st->pos, st->depth, st->cappos);

	*p = element_pos(ctxt, st->file, &lt);
	if (st->root == ROOT_UNSEEN) {
		st->rootpos = *p;
		st->rootname = xstrdup((const char *)localname);
		st->rooturi = uri != NULL ? xstrdup((const char *)uri) : NULL;
		st->root = strcmp(st->rootname, "NetworkConfiguration") == 0 &&
		    is_netcfg_ns(st, uri) ? ROOT_NETCFG : ROOT_OTHER;
	}
	if (st->root != ROOT_NETCFG || st->failed || st->toolong)
		return;
	st->textlen = 0;
	for (i = 0; i < (size_t)nb_attributes; i++) {
		const xmlChar **a = attributes + 5 * i;

		if ((size_t)(a[4] - a[3]) > VALUE_MAX) {
			refuse_long(st, p, (const char *)localname, (const char *)a[0]);
			return;
		}
	}
	na = netcfg_attrs(st, nb_attributes, attributes, lt, ctxt->input->cur, p);
	builder_start(st->b, is_netcfg_ns(st, uri) ? (const char *)localname : NULL, st->attrs, na, p);
	for (i = 0; i < st->ndecoded; i++)
		free(st->decoded[i]);
	st->ndecoded = 0;
	if (st->vsax->startElementNs != NULL)
		st->vsax->startElementNs(st->vud, localname, prefix, uri, nb_namespaces,
		    namespaces, nb_attributes, nb_defaulted, attributes);
}

static void
end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parse_state	*st = ctxt->_private;

	st->textlen = 0;
	if (st->root == ROOT_NETCFG && !st->failed && !st->toolong) {
		/* validated while the element is still the innermost: its errors point at it */
		if (st->vsax->endElementNs != NULL)
			st->vsax->endElementNs(st->vud, localname, prefix, uri);
		builder_end(st->b);
	}
	if (st->depth > 0)
		st->depth--;
}

static void
characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parse_state	*st = ctxt->_private;
	int			 i;

	if (st->root != ROOT_NETCFG || st->failed || st->toolong || len <= 0)
		return;
	/*
	 * Indentation inside an element of element-only content is allowed
	 * there and nothing else: the validator would only look and agree.
	 */
	if (builder_element_only(st->b)) {
		for (i = 0; i < len; i++)
			if (!is_blank(ch[i]))
				break;
		if (i == len)
			return;
	}
	st->textlen += (size_t)len;
	if (st->textlen > VALUE_MAX) {
		if (st->depth > 0)
			refuse_long(st, &st->pos[st->depth - 1],
			    (const char *)st->names[st->depth - 1], NULL);
		else
			refuse_long(st, &st->rootpos, st->rootname, NULL);
		return;
	}
	builder_text(st->b, (const char *)ch, (size_t)len);
	if (st->vsax->characters != NULL)
		st->vsax->characters(st->vud, ch, len);
}

static void
schema_error(void *ctx, xmlErrorPtr err)
{
	struct parse_state	*st = ctx;
	struct pending		*e;

	if (err == NULL || err->level == XML_ERR_WARNING)
		return;
	e = VEC_PUSH(st->pend, st->npend, st->cappend);
	if (st->depth > 0)
		e->pos = st->pos[st->depth - 1];
	else
		e->pos = (struct pos){ st->file, err->line > 0 ? (unsigned long)err->line : 0, 0 };
	e->msg = tidy_message(err->message);
	/* the messages name netcfg's elements without their namespace: say when this one differs */
	if (st->depth > 0 && !is_netcfg_ns(st, st->uris[st->depth - 1]) &&
	    strstr(e->msg, "not expected") != NULL) {
		const xmlChar	*u = st->uris[st->depth - 1];
		char		*m = u != NULL ? xasprintf("%s; this element is in namespace '%s', and "
		    "netcfg's elements are in '%s'", e->msg, (const char *)u, NETCFG_NS) :
		    xasprintf("%s; this element is in no namespace, and netcfg's elements are in "
		    "'%s' (a prefix on an element does not apply to its children: give them the "
		    "prefix too, or write xmlns=\"%s\")", e->msg, NETCFG_NS, NETCFG_NS);

		free(e->msg);
		e->msg = m;
	}
}

static bool
is_fragment_root(const char *name)
{
	static const char *const frags[] = {
		"VirtualNetworkSite", "VirtualNetworkConfiguration", "LocalNetworkSites",
		"Gateway", "VirtualNetworkSites",
	};
	size_t i;

	for (i = 0; i < sizeof(frags) / sizeof(frags[0]); i++)
		if (strcmp(name, frags[i]) == 0)
			return true;
	return false;
}

/* The root element is not netcfg's: say what it is instead. */
static void
report_root(const struct parse_state *st)
{
	const struct pos *p = &st->rootpos;

	if (strcmp(st->rootname, "NetworkConfiguration") != 0) {
		struct diag *r = diag_add(st->d, R_XML_SYNTAX, p, NULL, NULL,
		    "root element is '%s', not 'NetworkConfiguration': this is not a netcfg document%s",
		    st->rootname, is_fragment_root(st->rootname) ?
		    " (a fragment, as documentation shows them)" : "");

		diag_note(r, p, "a netcfg document is <NetworkConfiguration xmlns=\"%s\">"
		    "<VirtualNetworkConfiguration>...</VirtualNetworkConfiguration></NetworkConfiguration>",
		    NETCFG_NS);
	} else
		diag_add(st->d, R_XML_SYNTAX, p, NULL, NULL,
		    "root element 'NetworkConfiguration' is %s%s%s, not in the netcfg namespace '%s'",
		    st->rooturi ? "in namespace '" : "in no namespace",
		    st->rooturi ? st->rooturi : "", st->rooturi ? "'" : "", NETCFG_NS);
}

static void
parse_state_release(struct parse_state *st)
{
	size_t i;

	for (i = 0; i < st->npend; i++)
		free(st->pend[i].msg);
	free(st->pend);
	free(st->pos);
	free(st->names);
	free(st->uris);
	free(st->attrs);
	free(st->decoded);
	free(st->rootname);
	free(st->rooturi);
	builder_free(st->b);
}

struct reader {
	const struct input *in;
	size_t		 off;
};

static int
read_chunk(void *ctx, char *buf, int len)
{
	struct reader	*rd = ctx;
	size_t		 n = rd->in->len - rd->off;

	if (len <= 0)
		return 0;
	if (n > (size_t)len)
		n = (size_t)len;
	memcpy(buf, rd->in->data + rd->off, n);
	rd->off += n;
	return (int)n;
}

/*
 * Parse in with the validator plugged in, in one pass; false if libxml2
 * cannot be set up for it (running out of memory is fatal: load_init).
 */
static bool
parse(const struct input *in, struct parse_state *st, bool *wf, bool *valid)
{
	xmlParserCtxtPtr	 ctxt = xmlNewParserCtxt();
	xmlSchemaValidCtxtPtr	 vctxt = xmlSchemaNewValidCtxt(schema);
	xmlSchemaSAXPlugPtr	 plug = NULL;
	xmlSAXHandler		 sax, nothing;
	xmlDocPtr		 doc;
	struct reader		 rd = { in, 0 };

	/*
	 * Validation runs in the same pass: the plug wraps a handler that
	 * does nothing and gives back its own, which ours call at the right
	 * moments (an element's end before we forget where it started).
	 */
	memset(&nothing, 0, sizeof(nothing));
	nothing.initialized = XML_SAX2_MAGIC;
	st->vsax = &nothing;
	if (ctxt != NULL && vctxt != NULL) {
		xmlSchemaSetValidStructuredErrors(vctxt, schema_error, st);
		plug = xmlSchemaSAXPlug(vctxt, &st->vsax, &st->vud);
	}
	if (plug == NULL) {
		xmlFreeParserCtxt(ctxt);
		xmlSchemaFreeValidCtxt(vctxt);
		return false;
	}
	/* no tree: the handlers below are the only ones */
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = start_element;
	sax.endElementNs = end_element;
	sax.characters = characters;
	sax.ignorableWhitespace = characters;
	sax.serror = parse_error;
	sax.internalSubset = refuse_dtd;
	sax.externalSubset = refuse_dtd;
	sax.entityDecl = refuse_entity;
	*ctxt->sax = sax;
	ctxt->_private = st;
	ctxt->linenumbers = 1;
	/* read through a callback: libxml2 would copy a memory input whole */
	doc = xmlCtxtReadIO(ctxt, read_chunk, NULL, &rd, in->display, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (doc != NULL)
		xmlFreeDoc(doc);
	*wf = ctxt->wellFormed && !st->failed;
	xmlFreeParserCtxt(ctxt);
	xmlSchemaSAXUnplug(plug);
	*valid = xmlSchemaIsValid(vctxt) == 1;
	xmlSchemaFreeValidCtxt(vctxt);
	return true;
}

/* Line and column of byte off of an 8-bit text (columns count UTF-8 characters). */
static struct pos
byte_pos(const struct input *in, size_t off)
{
	struct pos	 p = { in->display, 1, 1 };
	size_t		 i, bol = 0;

	for (i = 0; i < off; i++)
		if (in->data[i] == '\n') {
			p.line++;
			bol = i + 1;
		}
	p.col = utf8_count((const char *)in->data + bol, off - bol) + 1;
	return p;
}

/* The encoding its XML declaration names (ASCII bytes of d, every step-th one), or "". */
static void
declared_encoding(const unsigned char *d, size_t n, size_t step, char *enc, size_t encsz)
{
	char	 decl[256];
	size_t	 k = 0, i;
	char	*e, *q;

	enc[0] = '\0';
	for (i = 0; i < n && k + 1 < sizeof(decl); i += step) {
		decl[k++] = (char)d[i];
		if (k >= 2 && decl[k - 2] == '?' && decl[k - 1] == '>')
			break;
	}
	decl[k] = '\0';
	if (strncmp(decl, "<?xml", 5) != 0 || (e = strstr(decl, "encoding")) == NULL)
		return;
	e += 8;
	while (*e == ' ' || *e == '=' || *e == '\t')
		e++;
	if ((*e != '"' && *e != '\'') || (q = strchr(e + 1, *e)) == NULL)
		return;
	snprintf(enc, encsz, "%.*s", (int)(q - e - 1), e + 1);
}

/* A PowerShell command word (Verb-Noun) at b. */
static bool
is_cmdlet_at(const unsigned char *b, size_t n)
{
	size_t i = 0;

	while (i < n && isalpha(b[i]))
		i++;
	if (i == 0 || i >= n || b[i] != '-')
		return false;
	return i + 1 < n && isalpha(b[i + 1]);
}

/* At a '<' that opens a comment, CDATA section or processing instruction: just past its end (or end). */
static const char *
skip_markup(const char *p, const char *end)
{
	static const struct { const char *open, *close; } m[] = {
		{ "<!--", "-->" }, { "<![CDATA[", "]]>" }, { "<?", "?>" },
	};
	size_t i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		size_t		 lo = strlen(m[i].open), lc = strlen(m[i].close);
		const char	*q;

		if ((size_t)(end - p) < lo || memcmp(p, m[i].open, lo) != 0)
			continue;
		for (q = p + lo; q + lc <= end; q++)
			if (memcmp(q, m[i].close, lc) == 0)
				return q + lc;
		return end;
	}
	return NULL;
}

/*
 * No netcfg element has more than a few attributes, and libxml2 checks an
 * element's attributes for duplicates pairwise (40,000 attributes take it
 * 2 s, and the validator more).  A linear look at the raw bytes refuses a tag
 * with more than ATTRS_MAX before libxml2 reads it: the '=' between a tag's
 * '<' and '>' outside quotes, comments, CDATA and processing instructions.
 */
#define ATTRS_MAX 64

static bool
too_many_attrs(const struct input *in, struct diags *d)
{
	const char	*b = (const char *)in->data, *end = b + in->len, *p = b, *q;
	const char	*tag = NULL;
	size_t		 eqs = 0;
	char		 quote = 0;

	/* UTF-16's code units may hold a quote's byte: that text is left to libxml2 */
	if (in->len >= 2 && (memchr(in->data, 0, in->len > 4 ? 4 : in->len) != NULL ||
	    (in->data[0] == 0xff && in->data[1] == 0xfe) || (in->data[0] == 0xfe && in->data[1] == 0xff)))
		return false;
	for (; p < end; p++) {
		if (tag == NULL) {
			if (*p != '<')
				continue;
			if ((q = skip_markup(p, end)) != NULL) {
				p = q - 1;
				continue;
			}
			tag = p;
			eqs = 0;
		} else if (quote != 0) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'') {
			quote = *p;
		} else if (*p == '=') {
			if (++eqs > ATTRS_MAX) {
				struct pos at = byte_pos(in, (size_t)(tag - b));

				diag_add(d, R_XML_SCHEMA, &at, NULL, NULL, "this element has more than %d "
				    "attributes; no netcfg element has more than a few, so the file is "
				    "not read", ATTRS_MAX);
				return true;
			}
		} else if (*p == '>')
			tag = NULL;
	}
	return false;
}

/*
 * What libxml2 would read wrongly or call by another name: a NUL byte (XML
 * text holds none: libxml2 stops at one and calls the rest the end), a byte
 * order mark that the declaration contradicts, and text that is not XML at
 * all.  Reported as xml-syntax; true when the file is not to be parsed.
 */
static bool
input_problem(const struct input *in, struct diags *d)
{
	const unsigned char	*b = in->data;
	size_t			 n = in->len, i;
	struct pos		 at = { in->display, 1, 1 };
	char			 enc[64];
	bool			 utf16 = n >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
				    (b[0] == 0xfe && b[1] == 0xff) || (n >= 4 && ((b[0] == '<' && b[1] == 0 &&
				    b[2] == '?' && b[3] == 0) || (b[0] == 0 && b[1] == '<' && b[2] == 0 &&
				    b[3] == '?'))));

	if (utf16) {
		size_t off = b[0] == 0xff || b[0] == '<' ? 2 : 3;

		if (b[0] == 0 || b[0] == '<')
			off -= 2;
		if (n <= off)
			return false;	/* a byte order mark and nothing else: libxml2 says so */
		declared_encoding(b + off, n - off, 2, enc, sizeof(enc));
		if (enc[0] != '\0' && strncasecmp(enc, "utf-16", 6) != 0 &&
		    strcasecmp(enc, "ucs-2") != 0 && strcasecmp(enc, "utf-8") != 0) {
			diag_add(d, R_XML_SYNTAX, &at, NULL, NULL,
			    "the file is UTF-16 text, but its XML declaration says encoding=\"%s\"; "
			    "save it again as UTF-8 or UTF-16 with a declaration that says so", enc);
			return true;
		}
		return false;
	}
	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf) {
		declared_encoding(b + 3, n - 3, 1, enc, sizeof(enc));
		if (enc[0] != '\0' && strcasecmp(enc, "utf-8") != 0 && strcasecmp(enc, "utf8") != 0) {
			diag_add(d, R_XML_SYNTAX, &at, NULL, NULL,
			    "the file begins with a UTF-8 byte order mark, but its XML declaration says "
			    "encoding=\"%s\"; one of them is wrong, and names read either way could be "
			    "garbled: remove the mark or correct the declaration", enc);
			return true;
		}
	}
	{
		const unsigned char *z = memchr(b, 0, n);

		if (z != NULL) {
			struct pos p = byte_pos(in, (size_t)(z - b));

			if (z == b)
				diag_add(d, R_XML_SYNTAX, &p, NULL, NULL,
				    "the file begins with a NUL byte: it is binary data, not XML text");
			else
				diag_add(d, R_XML_SYNTAX, &p, NULL, NULL,
				    "the file holds a NUL byte here: XML text cannot hold one, and "
				    "what follows it would go unread");
			return true;
		}
	}
	/* text that is not XML at all: say what it is */
	i = n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf ? 3 : 0;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n'))
		i++;
	if (i >= n || (b[i] == '<' && !(i + 1 < n && b[i + 1] == '#')))
		return false;
	at = byte_pos(in, i);
	if (b[i] == '{' || b[i] == '[')
		diag_add(d, R_XML_SYNTAX, &at, NULL, NULL, "the file is not XML: it begins as a JSON "
		    "document does (an ARM template or a plan?); netcfgc reads the exported "
		    "NetworkConfiguration XML");
	else if (b[i] == '#' || b[i] == '$' || b[i] == '<' || is_cmdlet_at(b + i, n - i))
		diag_add(d, R_XML_SYNTAX, &at, NULL, NULL, "the file is not XML: it reads as a "
		    "PowerShell script; give a script with -k, and the exported "
		    "NetworkConfiguration XML as the input");
	else
		diag_add(d, R_XML_SYNTAX, &at, NULL, NULL, "the file is not XML: an XML document "
		    "begins with '<' (an XML declaration or the NetworkConfiguration element)");
	return true;
}

enum load_result
load_netcfg(const struct input *in, struct diags *d, struct netcfg **out)
{
	struct parse_state	 st;
	struct pos		 whole = { in->display, 0, 0 };
	enum load_result	 res;
	bool			 wf, valid;
	size_t			 i;

	*out = NULL;
	if (in->len > INT32_MAX) {
		diag_add(d, R_XML_SYNTAX, &whole, NULL, NULL, "the file is too large to parse");
		return LOAD_MALFORMED;
	}
	memset(&st, 0, sizeof(st));
	if (input_problem(in, d))
		return LOAD_MALFORMED;
	if (too_many_attrs(in, d))
		return LOAD_INVALID;
	st.file = in->display;
	st.in = in;
	st.d = d;
	st.b = builder_new(in->display);
	if (!parse(in, &st, &wf, &valid)) {
		diag_add(d, R_XML_SYNTAX, &whole, NULL, NULL, "libxml2 cannot be set up to read it");
		res = LOAD_MALFORMED;
	} else if (!wf && st.huge) {
		res = LOAD_INVALID;
	} else if (!wf) {
		if (!st.failed)
			diag_add(d, R_XML_SYNTAX, &whole, NULL, NULL, "not well-formed XML");
		res = LOAD_MALFORMED;
	} else if (st.root != ROOT_NETCFG) {
		report_root(&st);
		res = LOAD_INVALID;
	} else if (st.npend > 0 || !valid) {
		for (i = 0; i < st.npend; i++)
			diag_add(d, R_XML_SCHEMA, &st.pend[i].pos, NULL, NULL, "%s", st.pend[i].msg);
		if (st.npend == 0)
			diag_add(d, R_XML_SCHEMA, &whole, NULL, NULL,
			    "the document does not follow the netcfg schema");
		res = LOAD_INVALID;
	} else {
		*out = builder_finish(st.b);
		st.b = NULL;
		res = LOAD_OK;
	}
	parse_state_release(&st);
	return res;
}

static xmlParserInputPtr
no_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void
quiet_error(void *ctx, xmlErrorPtr err)
{
	(void)ctx;
	(void)err;
}

static void *
xml_realloc(void *p, size_t n)
{
	return xreallocarray(p, n, 1);
}

int
load_init(void)
{
	xmlSchemaParserCtxtPtr pctxt;

	/* libxml2 allocates through xalloc.h: running out of memory is fatal, as everywhere */
	xmlMemSetup(free, xmalloc, xml_realloc, xstrdup);
	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, quiet_error);
	/* never fetch anything: no external entity loader at all */
	xmlSetExternalEntityLoader(no_loader);
	if (schema != NULL)
		return 0;
	pctxt = xmlSchemaNewMemParserCtxt(netcfg_xsd, (int)netcfg_xsd_len);
	if (pctxt == NULL)
		return -1;
	schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	if (schema == NULL) {
		error_msg("the compiled-in netcfg schema does not load");
		return -1;
	}
	return 0;
}

void
load_cleanup(void)
{
	if (schema != NULL)
		xmlSchemaFree(schema);
	schema = NULL;
	xmlCleanupParser();
}

