/* measure.c - run a command RUNS times; print the median wall time in
 * seconds, the largest peak resident set in KiB and the median CPU time
 * (user + system) in seconds, as "SECONDS KIB CPU".
 * usage: measure RUNS COMMAND [ARG...]   (the command's output is discarded) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	int		 runs, i;
	double		*t, *cpu;
	long		 maxrss = 0;

	if (argc < 3 || (runs = atoi(argv[1])) < 1) {
		fputs("usage: measure RUNS COMMAND [ARG...]\n", stderr);
		return 2;
	}
	t = calloc((size_t)runs, sizeof(*t));
	cpu = calloc((size_t)runs, sizeof(*cpu));
	for (i = 0; i < runs; i++) {
		struct timespec	a, b;
		struct rusage	ru;
		int		st;
		pid_t		pid;

		clock_gettime(CLOCK_MONOTONIC, &a);
		if ((pid = fork()) == 0) {
			int null = open("/dev/null", O_WRONLY);

			dup2(null, 1);
			dup2(null, 2);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (pid < 0 || wait4(pid, &st, 0, &ru) != pid) {
			perror("measure");
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "measure: %s failed (status %d)\n", argv[2], st);
			return 1;
		}
		t[i] = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
		cpu[i] = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	qsort(t, (size_t)runs, sizeof(*t), cmp);
	qsort(cpu, (size_t)runs, sizeof(*cpu), cmp);
	printf("%.4f %ld %.4f\n", t[runs / 2], maxrss, cpu[runs / 2]);
	free(t);
	free(cpu);
	return 0;
}
