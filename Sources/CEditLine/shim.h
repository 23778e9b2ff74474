// libedit through its readline-compatible API. Swift 6 cannot touch imported mutable C
// globals, so each one used is wrapped in a setter or getter here.
#ifndef WARGAME_CEDITLINE_SHIM_H
#define WARGAME_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <limits.h>
#include <editline/readline.h>
#include <sys/ioctl.h>
#include <unistd.h>

typedef char **(*wg_completion_fn)(const char *text, int start, int end);

static inline void wg_rl_set_completion(wg_completion_fn fn) {
    rl_attempted_completion_function = (rl_completion_func_t *)fn;
}
/// The setters that keep a string copy it: Swift passes a pointer valid only during the call.
static inline void wg_rl_set_name(const char *name) { rl_readline_name = strdup(name); }
static inline const char *wg_rl_line_buffer(void) { return rl_line_buffer; }

/// libedit (3.1-20221030, measured under AddressSanitizer) points `rl_line_buffer` at a
/// conversion buffer it reallocates whenever it encodes a longer line than before (a pasted
/// 200,000-character line) and does not re-point it. On Tab, rl_complete then writes
/// `rl_line_buffer[rl_end] = '\0'` through the stale pointer, corrupting whatever the heap
/// gave that memory to (the Lua state: a crash later in lua_gc or lua_close).
///
/// rl_complete calls rl_completion_word_break_hook before that write, so the hook points
/// `rl_line_buffer` at a copy of the current line that this code owns: rl_copy_text
/// allocates length + 1 bytes, so the write lands on its last byte. (That libedit's
/// rl_copy_text copies one character less than asked is harmless here: the completer reads
/// only the text before the word being completed.) The previous copy is freed; the hook
/// returns the word-break characters, which is what rl_complete uses it for.
static char *wg_rl_word_break_hook(void) {
    static char *owned = NULL;
    char *line = rl_copy_text(0, INT_MAX);
    if (line != NULL) {
        rl_line_buffer = line;
        free(owned);
        owned = line;
    }
    return (char *)rl_basic_word_break_characters;
}
static inline void wg_rl_guard_line_buffer(void) { rl_completion_word_break_hook = wg_rl_word_break_hook; }
/// Turn off filename completion when our completer finds nothing.
static inline void wg_rl_no_default_completion(void) { rl_attempted_completion_over = 1; }
/// Characters that end a word for completion: keep '.' and ':' inside words so
/// `s:st` and `wg.lan` reach our completer whole.
static inline void wg_rl_set_word_breaks(const char *chars) {
    char *copy = strdup(chars);
    rl_basic_word_break_characters = copy;
    rl_completer_word_break_characters = copy;
}
static inline void wg_rl_set_append_character(int c) { rl_completion_append_character = c; }
static inline int wg_history_length(void) { return history_length; }
/// The terminal's size on `fd` (rows, columns); 0 when `fd` is not a terminal. ioctl is
/// variadic, which Swift cannot call.
static inline int wg_terminal_rows(int fd) {
    struct winsize ws;
    return ioctl(fd, TIOCGWINSZ, &ws) == 0 ? ws.ws_row : 0;
}
static inline int wg_terminal_cols(int fd) {
    struct winsize ws;
    return ioctl(fd, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
}
#endif
