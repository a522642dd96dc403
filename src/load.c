/* load.c - libxml2 reading with no network, no DTD, no entities; XSD validation. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/xmlschemas.h>

#include "load.h"
#include "xalloc.h"

/* Inputs larger than this are refused rather than read (real exports are KBs to a few MBs). */
#define INPUT_MAX	((size_t)512 * 1024 * 1024)

static xmlSchemaPtr schema;

int
input_read(const char *path, struct input *in)
{
	int	 fd;
	size_t	 cap = 65536;
	ssize_t	 r;
	bool	 is_stdin = strcmp(path, "-") == 0;

	memset(in, 0, sizeof(*in));
	in->display = xstrdup(is_stdin ? "<stdin>" : path);
	if (is_stdin)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY)) == -1) {
		fprintf(stderr, "netcfgc: error: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	} else {
		struct stat st;

		if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
			fprintf(stderr, "netcfgc: error: cannot read '%s': Is a directory\n", path);
			close(fd);
			return -1;
		}
	}
	in->data = xmalloc(cap);
	for (;;) {
		if (in->len == cap) {
			if (cap >= INPUT_MAX) {
				fprintf(stderr, "netcfgc: error: cannot read '%s': larger than %zu MiB\n",
				    in->display, INPUT_MAX >> 20);
				goto fail;
			}
			cap *= 2;
			in->data = xreallocarray(in->data, cap, 1);
		}
		r = read(fd, in->data + in->len, cap - in->len);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "netcfgc: error: cannot read '%s': %s\n", in->display, strerror(errno));
			goto fail;
		}
		in->len += (size_t)r;
	}
	if (!is_stdin)
		close(fd);
	return 0;
fail:
	if (!is_stdin)
		close(fd);
	return -1;
}

void
input_release(struct input *in)
{
	free(in->display);
	free(in->data);
	memset(in, 0, sizeof(*in));
}

/* Turn a libxml2 message into ours: no trailing newline or full stop, lower case first. */
static char *
tidy_message(const char *m)
{
	static const char nsb[] = "{" NETCFG_NS "}";
	struct sbuf	 b;
	size_t		 n;

	sbuf_init(&b);
	while (m != NULL && *m != '\0') {
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

struct parse_state {
	struct xmldoc	*x;
	struct diags	*d;
	bool		 doctype;
	bool		 failed;
	struct diag	*first;		/* the first error; later ones are its notes */
};

static void
parse_error(void *ctx, xmlErrorPtr err)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parse_state	*st = ctxt->_private;
	struct pos		 p = { st->x->file, 0, 0 };
	char			*msg;

	if (err == NULL || err->level == XML_ERR_WARNING || st->doctype)
		return;
	p.line = err->line > 0 ? (unsigned long)err->line : 0;
	p.col = err->int2 > 0 ? (unsigned long)err->int2 : 0;
	msg = tidy_message(err->message);
	if (st->failed) {
		/* the first error is the one; only say so if the file was cut off */
		if (err->code == XML_ERR_TAG_NOT_FINISHED || err->code == XML_ERR_DOCUMENT_END)
			diag_note(st->first, &p, "the file ends before the document does: %s", msg);
	} else if (err->code == XML_ERR_DOCUMENT_EMPTY)
		st->first = diag_add(st->d, R_XML_SYNTAX, &p, NULL, NULL,
		    "the file is empty: it holds no XML document");
	else
		st->first = diag_add(st->d, R_XML_SYNTAX, &p, NULL, NULL, "not well-formed XML: %s", msg);
	st->failed = true;
	free(msg);
}

static void
refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parse_state	*st = ctxt->_private;
	struct pos		 p = { st->x->file, 0, 0 };

	(void)eid;
	(void)sid;
	if (ctxt->input != NULL)
		p.line = (unsigned long)ctxt->input->line;
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

/* Count UTF-8 characters in [s, e). */
static unsigned long
utf8_chars(const xmlChar *s, const xmlChar *e)
{
	unsigned long n = 0;

	for (; s < e; s++)
		if ((*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parse_state	*st = ctxt->_private;
	struct xmldoc		*x = st->x;
	struct pos		*p;
	xmlParserInputPtr	 in = ctxt->input;
	const xmlChar		*lt, *q;
	unsigned long		 nl = 0;

	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	    namespaces, nb_attributes, nb_defaulted, attributes);
	if (ctxt->node == NULL || in == NULL)
		return;
	p = VEC_PUSH(x->pos, x->npos, x->cappos);
	p->file = x->file;
	p->line = (unsigned long)in->line;
	p->col = 0;
	ctxt->node->_private = (void *)(uintptr_t)x->npos;
	/*
	 * The parser stands at the end of the start tag; its '<' is the
	 * last one before (attribute values cannot hold a '<').
	 */
	for (lt = in->cur; lt > in->base && *lt != '<'; lt--)
		if (*lt == '\n')
			nl++;
	if (*lt != '<')
		return;
	p->line = (unsigned long)in->line > nl ? (unsigned long)in->line - nl : 1;
	if (nl == 0 && in->col > 0) {
		unsigned long back = utf8_chars(lt, in->cur);

		p->col = (unsigned long)in->col > back ? (unsigned long)in->col - back : 1;
		return;
	}
	for (q = lt; q > in->base && q[-1] != '\n'; q--)
		;
	if (q == in->base && in->base != in->cur && ctxt->input->consumed > 0)
		return;		/* the line start was already discarded */
	p->col = utf8_chars(q, lt) + 1;
}

int
load_parse(const struct input *in, struct xmldoc *x, struct diags *d)
{
	xmlParserCtxtPtr	 ctxt;
	struct parse_state	 st;
	int			 opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_COMPACT |
				    XML_PARSE_NOBLANKS;

	memset(x, 0, sizeof(*x));
	x->file = in->display;
	memset(&st, 0, sizeof(st));
	st.x = x;
	st.d = d;
	if (in->len > INT32_MAX) {
		struct pos p = { x->file, 0, 0 };

		diag_add(d, R_XML_SYNTAX, &p, NULL, NULL, "the file is too large to parse");
		return -1;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		fputs("netcfgc: error: out of memory\n", stderr);
		exit(4);
	}
	ctxt->_private = &st;
	ctxt->sax->serror = parse_error;
	ctxt->sax->error = NULL;
	ctxt->sax->warning = NULL;
	ctxt->sax->startElementNs = start_element;
	ctxt->sax->internalSubset = refuse_dtd;
	ctxt->sax->externalSubset = refuse_dtd;
	ctxt->sax->entityDecl = refuse_entity;
	ctxt->sax->resolveEntity = NULL;
	ctxt->sax->getEntity = NULL;
	ctxt->linenumbers = 1;
	x->doc = xmlCtxtReadMemory(ctxt, (const char *)in->data, (int)in->len,
	    in->display, NULL, opts);
	if (x->doc != NULL && (st.failed || !ctxt->wellFormed)) {
		xmlFreeDoc(x->doc);
		x->doc = NULL;
	}
	if (x->doc == NULL && !st.failed) {
		struct pos p = { x->file, 0, 0 };

		diag_add(d, R_XML_SYNTAX, &p, NULL, NULL, "not well-formed XML");
	}
	xmlFreeParserCtxt(ctxt);
	return x->doc != NULL ? 0 : -1;
}

struct pos
load_pos(const struct xmldoc *x, const xmlNode *n)
{
	struct pos p = { x->file, 0, 0 };
	uintptr_t i;

	for (; n != NULL; n = n->parent) {
		if (n->type == XML_ELEMENT_NODE) {
			i = (uintptr_t)n->_private;
			if (i > 0 && i <= x->npos)
				return x->pos[i - 1];
			p.line = (unsigned long)xmlGetLineNo(n);
			return p;
		}
	}
	return p;
}

void
load_release(struct xmldoc *x)
{
	if (x->doc != NULL)
		xmlFreeDoc(x->doc);
	free(x->pos);
	memset(x, 0, sizeof(*x));
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

int
load_init(void)
{
	xmlSchemaParserCtxtPtr pctxt;

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
		fputs("netcfgc: error: the compiled-in netcfg schema does not load\n", stderr);
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

struct valid_state {
	struct xmldoc	*x;
	struct diags	*d;
	size_t		 nerrors;
};

static void
schema_error(void *ctx, xmlErrorPtr err)
{
	struct valid_state	*vs = ctx;
	struct pos		 p = { vs->x->file, 0, 0 };
	char			*msg;

	if (err == NULL || err->level == XML_ERR_WARNING)
		return;
	if (err->node != NULL)
		p = load_pos(vs->x, err->node);
	else if (err->line > 0)
		p.line = (unsigned long)err->line;
	vs->nerrors++;
	msg = tidy_message(err->message);
	diag_add(vs->d, R_XML_SCHEMA, &p, NULL, NULL, "%s", msg);
	free(msg);
}

int
load_validate(struct xmldoc *x, struct diags *d)
{
	xmlNodePtr		 root = xmlDocGetRootElement(x->doc);
	xmlSchemaValidCtxtPtr	 vctxt;
	struct valid_state	 vs = { x, d, 0 };
	struct pos		 p;
	int			 r;

	if (root == NULL) {
		p = (struct pos){ x->file, 0, 0 };
		diag_add(d, R_XML_SYNTAX, &p, NULL, NULL, "the document has no root element");
		return -1;
	}
	p = load_pos(x, root);
	if (strcmp((const char *)root->name, "NetworkConfiguration") != 0) {
		struct diag *r2 = diag_add(d, R_XML_SYNTAX, &p, NULL, NULL,
		    "root element is '%s', not 'NetworkConfiguration': this is not a netcfg document%s",
		    (const char *)root->name,
		    strcmp((const char *)root->name, "VirtualNetworkSite") == 0 ||
		    strcmp((const char *)root->name, "VirtualNetworkConfiguration") == 0 ||
		    strcmp((const char *)root->name, "LocalNetworkSites") == 0 ||
		    strcmp((const char *)root->name, "Gateway") == 0 ||
		    strcmp((const char *)root->name, "VirtualNetworkSites") == 0 ?
		    " (a fragment, as documentation shows them)" : "");
		diag_note(r2, &p, "a netcfg document is <NetworkConfiguration xmlns=\"%s\">"
		    "<VirtualNetworkConfiguration>...</VirtualNetworkConfiguration></NetworkConfiguration>",
		    NETCFG_NS);
		return -1;
	}
	if (root->ns == NULL || root->ns->href == NULL ||
	    strcmp((const char *)root->ns->href, NETCFG_NS) != 0) {
		diag_add(d, R_XML_SYNTAX, &p, NULL, NULL,
		    "root element 'NetworkConfiguration' is %s%s%s, not in the netcfg namespace '%s'",
		    root->ns && root->ns->href ? "in namespace '" : "in no namespace",
		    root->ns && root->ns->href ? (const char *)root->ns->href : "",
		    root->ns && root->ns->href ? "'" : "", NETCFG_NS);
		return -1;
	}
	if ((vctxt = xmlSchemaNewValidCtxt(schema)) == NULL) {
		fputs("netcfgc: error: out of memory\n", stderr);
		exit(4);
	}
	xmlSchemaSetValidStructuredErrors(vctxt, schema_error, &vs);
	r = xmlSchemaValidateDoc(vctxt, x->doc);
	xmlSchemaFreeValidCtxt(vctxt);
	if (r != 0 && vs.nerrors == 0) {
		p = (struct pos){ x->file, 0, 0 };
		diag_add(d, R_XML_SCHEMA, &p, NULL, NULL, "the document does not follow the netcfg schema");
	}
	return r == 0 ? 0 : -1;
}
