// The fep subcommands. Each takes argv after the command name and returns an Exit code.
#pragma once

namespace fep::cli {

int keygen(int argc, char** argv);
int jwks(int argc, char** argv);
int sign(int argc, char** argv);
int keyset(int argc, char** argv);
int revoke(int argc, char** argv);
int directory(int argc, char** argv);
int verify(int argc, char** argv);
int summary(int argc, char** argv);
int import(int argc, char** argv);
int dashboard(int argc, char** argv);

}  // namespace fep::cli
