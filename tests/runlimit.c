/* runlimit.c - run a command with a time limit and a peak-memory limit.
 * usage: runlimit MAX_RSS_KB SECONDS COMMAND [ARG...]
 * Exits with the command's status, 124 if it ran out of time, 125 if its
 * peak resident set exceeded MAX_RSS_KB, 126 if it could not be run. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage	 ru;
	struct timespec	 ts = { 0, 10 * 1000 * 1000 };
	long		 max_kb, secs, waited = 0;
	pid_t		 pid;
	int		 st;

	if (argc < 4) {
		fputs("usage: runlimit MAX_RSS_KB SECONDS COMMAND [ARG...]\n", stderr);
		return 126;
	}
	max_kb = atol(argv[1]);
	secs = atol(argv[2]);
	if ((pid = fork()) == -1)
		return 126;
	if (pid == 0) {
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		_exit(126);
	}
	for (;;) {
		pid_t r = wait4(pid, &st, WNOHANG, &ru);

		if (r == pid)
			break;
		if (r == -1 && errno != EINTR)
			return 126;
		if (waited++ > secs * 100) {
			kill(pid, SIGKILL);
			wait4(pid, &st, 0, &ru);
			fprintf(stderr, "runlimit: %s took more than %ld s\n", argv[3], secs);
			return 124;
		}
		nanosleep(&ts, NULL);
	}
	if (ru.ru_maxrss > max_kb) {
		fprintf(stderr, "runlimit: %s used %ld KiB, more than %ld KiB\n", argv[3],
		    ru.ru_maxrss, max_kb);
		return 125;
	}
	if (WIFSIGNALED(st)) {
		fprintf(stderr, "runlimit: %s was killed by signal %d\n", argv[3], WTERMSIG(st));
		return 128 + WTERMSIG(st);
	}
	return WEXITSTATUS(st);
}
