// libedit through its readline-compatible API. Swift 6 cannot touch imported mutable C
// globals, so each one used is wrapped in a setter or getter here.
#ifndef WARGAME_CEDITLINE_SHIM_H
#define WARGAME_CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <editline/readline.h>

typedef char **(*wg_completion_fn)(const char *text, int start, int end);

static inline void wg_rl_set_completion(wg_completion_fn fn) {
    rl_attempted_completion_function = (rl_completion_func_t *)fn;
}
/// The setters that keep a string copy it: Swift passes a pointer valid only during the call.
static inline void wg_rl_set_name(const char *name) { rl_readline_name = strdup(name); }
static inline const char *wg_rl_line_buffer(void) { return rl_line_buffer; }
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
#endif
