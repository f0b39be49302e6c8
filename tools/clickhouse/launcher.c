/* Runs the clickhouse-local command line inside libchdb.so (npm @chdb/lib-linux-x64-gnu, ClickHouse 26.7).
 * With --interactive and "SYSTEM START LISTEN HTTP" it serves HTTP until its stdin closes. */
#include <stdint.h>
#include <stdio.h>

/* chdb.h's struct local_result_v2. */
struct local_result_v2 { char *buf; size_t len; void *vec; double elapsed; uint64_t rows_read, bytes_read; char *error_message; };
struct local_result_v2 *query_stable_v2(int argc, char **argv);

int main(int argc, char **argv) {
    struct local_result_v2 *r = query_stable_v2(argc, argv);
    if (r == NULL) { fprintf(stderr, "clickhouse-launcher: libchdb returned no result\n"); return 2; }
    if (r->error_message != NULL) { fprintf(stderr, "clickhouse-launcher: %s\n", r->error_message); return 1; }
    /* In this build a failed run (port in use, data dir locked, bad SQL) prints "Code: NN. DB::Exception" to stderr
     * itself and returns an empty result: no buffer and zero elapsed time, which no run that started has. */
    if (r->vec == NULL && r->elapsed == 0.0) { fprintf(stderr, "clickhouse-launcher: clickhouse failed (see the error above)\n"); return 1; }
    if (r->buf != NULL && r->len > 0) fwrite(r->buf, 1, r->len, stdout);
    return 0;
}
