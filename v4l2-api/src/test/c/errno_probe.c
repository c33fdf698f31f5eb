/* Prints "<errno> <strerror text>" for errno 1..133, for ErrnoTest. */
#include <stdio.h>
#include <string.h>

int main(void) {
  for (int e = 1; e <= 133; e++) {
    printf("%d %s\n", e, strerror(e));
  }
  return 0;
}
