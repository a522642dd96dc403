/* output.c - a set of files written beside their directory, synced, swapped in. */
#define _GNU_SOURCE	/* renameat2 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "xalloc.h"

char *
output_name(const char *display)
{
	const char	*base = strrchr(display, '/');
	size_t		 n;

	if (strcmp(display, "<stdin>") == 0 || strcmp(display, "-") == 0)
		return xstrdup("stdin");
	base = base ? base + 1 : display;
	n = strlen(base);
	if (n > 4 && strcmp(base + n - 4, ".xml") == 0)
		n -= 4;
	else if (n > 7 && strcmp(base + n - 7, ".netcfg") == 0)
		n -= 7;
	if (n == 0 || (n == 1 && base[0] == '.') || (n == 2 && strncmp(base, "..", 2) == 0))
		return xstrdup("netcfg");
	return xstrndup(base, n);
}

bool
output_file_name(const char *s)
{
	static const char *const fixed[] = { "azuredeploy.json", "azuredeploy.parameters.json",
	    "plan.json", "runbook.md" };
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(s, fixed[i]) == 0)
			return true;
	/* azuredeploy-NN.json and azuredeploy-NN.parameters.json: a split template */
	if (strncmp(s, "azuredeploy-", 12) != 0 || s[12] < '0' || s[12] > '9' ||
	    s[13] < '0' || s[13] > '9')
		return false;
	for (s += 14; *s >= '0' && *s <= '9'; s++)
		continue;
	return strcmp(s, ".json") == 0 || strcmp(s, ".parameters.json") == 0;
}

/*
 * A temporary that netcfgc 0.1 left beside an output when it was
 * interrupted: ".NAME.XXXXXX".  It may hold keys, so it is removed with
 * the set it belongs to.
 */
static bool
old_temporary(const char *s)
{
	size_t	 n = strlen(s);
	char	*name;
	bool	 r;

	if (s[0] != '.' || n < 9 || s[n - 7] != '.')
		return false;
	name = xstrndup(s + 1, n - 8);
	r = output_file_name(name);
	free(name);
	return r;
}

/* What the signal handler and the exit handler undo; output_set keeps it current. */
#define SET_MAX	512	/* 255 templates with their parameters files, plan, runbook */
static struct {
	char	 tmpdir[PATH_MAX];	/* the temporary set, or "" */
	char	 lock[PATH_MAX];	/* the lock file, or "" */
	char	 aside[PATH_MAX];	/* the old set moved aside by the fallback, or "" */
	char	 final[PATH_MAX];	/* where aside goes back to */
	char	 files[SET_MAX][PATH_MAX];	/* the set's files in tmpdir */
	int	 nfiles;
} live;
static volatile sig_atomic_t handling;

/* Undo what is live: async-signal-safe (unlink, rmdir, rename only). */
static void
undo_live(void)
{
	int i;

	for (i = 0; i < live.nfiles; i++)
		unlink(live.files[i]);
	if (live.tmpdir[0] != '\0')
		rmdir(live.tmpdir);
	if (live.aside[0] != '\0')
		rename(live.aside, live.final);	/* the fallback moved the old set aside */
	if (live.lock[0] != '\0')
		unlink(live.lock);
	live.nfiles = 0;
	live.tmpdir[0] = live.aside[0] = live.lock[0] = '\0';
}

static void
on_signal(int sig)
{
	if (!handling) {
		handling = 1;
		undo_live();
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
on_exit_undo(void)
{
	undo_live();
}

static void
handlers_once(void)
{
	static bool		done;
	/* every signal whose default ends the process, but those that cannot be caught */
	static const int	sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM,
	    SIGUSR1, SIGUSR2, SIGXCPU, SIGVTALRM, SIGPROF, SIGABRT, SIGTRAP, SIGSYS };
	struct sigaction	sa;
	size_t			i;

	if (done)
		return;
	done = true;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction old;

		/* a signal the caller ignores (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	}
	/* a file past the size limit (ulimit -f) is a write error (EFBIG), not a death */
	if (sigaction(SIGXFSZ, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL)
		signal(SIGXFSZ, SIG_IGN);
	atexit(on_exit_undo);
}

/* Copy s into a live path; false if it does not fit. */
static bool
live_set(char dst[PATH_MAX], const char *s)
{
	if (strlen(s) >= PATH_MAX)
		return false;
	memcpy(dst, s, strlen(s) + 1);
	return true;
}

mode_t
current_umask(void)
{
	mode_t m = umask(077);

	umask(m);
	return m;
}

static int
mkdirs(const char *dir)
{
	char		*p = xstrdup(dir), *s;
	struct stat	 st;
	int		 rc = 0;

	for (s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;

			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST) {
				error_msg("cannot create directory '%s': %s", p, strerror(errno));
				free(p);
				return -1;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
		error_msg("cannot use '%s' as output directory: %s", p,
		    strerror(stat(p, &st) != 0 ? errno : ENOTDIR));
		rc = -1;
	}
	free(p);
	return rc;
}

/*
 * Take the lock of one output directory: a file beside it, held with
 * flock.  A lock file is removed by the run that holds it, so a run that
 * waited on one that is gone tries again with the new one.
 */
static int
lock_take(const char *path)
{
	for (;;) {
		struct stat	a, b;
		int		fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);

		if (fd < 0) {
			error_msg("cannot create the lock file '%s': %s", path, strerror(errno));
			return -1;
		}
		while (flock(fd, LOCK_EX) != 0)
			if (errno != EINTR) {
				error_msg("cannot lock '%s': %s", path, strerror(errno));
				close(fd);
				return -1;
			}
		if (fstat(fd, &a) == 0 && stat(path, &b) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			return fd;
		close(fd);
	}
}

/* Remove a set directory that holds only netcfgc's files; -1 if anything else is there. */
static int
remove_set(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	int		 rc = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((e = readdir(d)) != NULL) {
		char *p;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (!output_file_name(e->d_name) && !old_temporary(e->d_name)) {
			rc = -1;
			continue;
		}
		p = xasprintf("%s/%s", dir, e->d_name);
		if (unlink(p) != 0)
			rc = -1;
		free(p);
	}
	closedir(d);
	if (rmdir(dir) != 0)
		rc = -1;
	return rc;
}

/*
 * What runs killed with SIGKILL left beside outdir/name (".name.netcfgc-*"):
 * whoever holds the lock is the only live writer, so these are dead.
 */
static void
remove_dead(const char *outdir, const char *name)
{
	char		*prefix = xasprintf(".%s.netcfgc-", name);
	DIR		*d = opendir(outdir);
	struct dirent	*e;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0) {
			char *p = xasprintf("%s/%s", outdir, e->d_name);

			remove_set(p);
			free(p);
		}
	}
	if (d != NULL)
		closedir(d);
	free(prefix);
}

/* Can final be replaced: absent, or a directory of netcfgc's files only? */
static int
replaceable(const char *final, bool *exists)
{
	struct stat	 st;
	DIR		*d;
	struct dirent	*e;
	int		 rc = 0;

	*exists = false;
	if (lstat(final, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		error_msg("cannot use '%s': %s", final, strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		error_msg("'%s' is a symbolic link; netcfgc writes its outputs only into a "
		    "directory of its own", final);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		error_msg("cannot write the outputs into '%s': %s", final, strerror(ENOTDIR));
		return -1;
	}
	*exists = true;
	/* its old files are removed once the new set is in: that needs write access */
	if (access(final, W_OK | X_OK) != 0) {
		error_msg("cannot replace '%s': %s", final, strerror(errno));
		return -1;
	}
	if ((d = opendir(final)) == NULL) {
		error_msg("cannot read '%s': %s", final, strerror(errno));
		return -1;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		char		*p;
		struct stat	 fs;
		bool		 ours;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", final, e->d_name);
		ours = (output_file_name(e->d_name) || old_temporary(e->d_name)) &&
		    lstat(p, &fs) == 0 && S_ISREG(fs.st_mode);
		free(p);
		if (ours)
			continue;
		error_msg("'%s' holds '%s', which is not an output netcfgc writes; not replacing "
		    "it (move it away, or choose another -o)", final, e->d_name);
		rc = -1;
	}
	closedir(d);
	return rc;
}

/* Write one file of the set; 0, or an errno. */
static int
write_file(const char *path, const struct outfile *f)
{
	const char	*p = f->data;
	size_t		 left = f->len;
	int		 fd, err = 0;

	/* the umask applies to the mode: a stricter one is honoured */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, f->mode)) < 0)
		return errno;
	while (left > 0 && err == 0) {
		ssize_t w = write(fd, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			err = w < 0 ? errno : EIO;	/* no progress: do not spin */
		else {
			p += w;
			left -= (size_t)w;
		}
	}
	if (err == 0 && fsync(fd) != 0 && errno != EINVAL)
		err = errno;
	if (close(fd) != 0 && err == 0)
		err = errno;
	return err;
}

static void
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* Swap the complete set at tmp into final; afterwards tmp holds the old set, if any. */
static int
swap_in(const char *tmp, const char *final, bool exists)
{
	char *aside;

	if (!exists)
		return rename(tmp, final) == 0 ? 0 : errno;
#ifdef HAVE_RENAMEAT2
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, final, RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != ENOSYS && errno != EINVAL)
		return errno;
#endif
	/* no atomic exchange here: the old set goes aside, the new one in, for a moment neither */
	aside = xasprintf("%s-old", tmp);
	if (!live_set(live.aside, aside) || !live_set(live.final, final) ||
	    rename(final, aside) != 0) {
		int err = errno;

		live.aside[0] = '\0';
		free(aside);
		return err;
	}
	if (rename(tmp, final) != 0) {
		int err = errno;

		rename(aside, final);
		live.aside[0] = '\0';
		free(aside);
		return err;
	}
	live.aside[0] = '\0';
	/* tmp is now free: the old set goes there, to be removed with it */
	if (rename(aside, tmp) != 0)
		remove_set(aside);
	free(aside);
	return 0;
}

int
output_set(const char *outdir, const char *name, const struct outfile *files, size_t n)
{
	char	*final = NULL, *lock = NULL, *tmp = NULL, *path;
	bool	 exists;
	int	 lockfd = -1, rc = -1, err;
	size_t	 i;

	handlers_once();
	if (n > SET_MAX) {
		error_msg("'%s/%s': %zu output files are more than netcfgc writes in one set (%d)",
		    outdir, name, n, SET_MAX);
		return -1;
	}
	if (mkdirs(outdir) != 0)
		return -1;
	final = xasprintf("%s/%s", outdir, name);
	lock = xasprintf("%s/.%s.lock", outdir, name);
	tmp = xasprintf("%s/.%s.netcfgc-XXXXXX", outdir, name);
	if (!live_set(live.lock, lock) || !live_set(live.tmpdir, tmp)) {
		error_msg("cannot write '%s': %s", final, strerror(ENAMETOOLONG));
		live.lock[0] = live.tmpdir[0] = '\0';
		goto out;
	}
	live.tmpdir[0] = '\0';
	if ((lockfd = lock_take(lock)) < 0) {
		live.lock[0] = '\0';
		goto out;
	}
	remove_dead(outdir, name);
	if (replaceable(final, &exists) != 0)
		goto out;
	if (mkdtemp(tmp) == NULL) {
		error_msg("cannot write '%s': %s", final, strerror(errno));
		goto out;
	}
	live_set(live.tmpdir, tmp);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", tmp, files[i].name);
		if (!live_set(live.files[live.nfiles], path)) {
			error_msg("cannot write '%s/%s': %s", final, files[i].name,
			    strerror(ENAMETOOLONG));
			free(path);
			goto out;
		}
		live.nfiles++;
		err = write_file(path, &files[i]);
		free(path);
		if (err != 0) {
			error_msg("cannot write '%s/%s': %s", final, files[i].name, strerror(err));
			goto out;
		}
	}
	/* mkdtemp made it 0700: the set's directory gets what mkdir would give it */
	if (chmod(tmp, 0755 & ~current_umask()) != 0) {
		error_msg("cannot write '%s': %s", final, strerror(errno));
		goto out;
	}
	sync_dir(tmp);
	if ((err = swap_in(tmp, final, exists)) != 0) {
		error_msg("cannot write '%s': %s", final, strerror(err));
		goto out;
	}
	sync_dir(outdir);
	/* tmp now holds the old set (or nothing): it is no longer the new files */
	live.nfiles = 0;
	if (exists)
		remove_set(tmp);
	live.tmpdir[0] = '\0';
	rc = 0;
out:
	undo_live();
	if (lockfd >= 0)
		close(lockfd);
	free(final);
	free(lock);
	free(tmp);
	return rc;
}
