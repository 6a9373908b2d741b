// main.cpp: main() of chancheck::main, the CLI over the scenarios linked in.
#include "tools/cli.hpp"

int main(int argc, char** argv) { return chancheck::detail::cli_main(argc, argv); }
