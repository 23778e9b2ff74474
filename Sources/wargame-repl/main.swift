import Foundation

// Kept to one line: the program lives in types (top-level code is main-actor isolated).
exit(CommandLineTool.main(CommandLine.arguments))
