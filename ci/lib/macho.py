#!/usr/bin/env python3
"""Reads a 64-bit Mach-O file without Apple's tools: prints its CPU, the dylibs it loads and its exported symbols.

Used by ci/platforms.sh to check the macOS classifiers built on Linux (binutils cannot read Mach-O).
Output, one per line: "cpu x86_64|arm64", "dylib PATH", "export NAME". Exits 1 when the file is not Mach-O 64.
"""
import struct
import sys

MH_MAGIC_64 = 0xFEEDFACF
CPU_TYPES = {0x01000007: "x86_64", 0x0100000C: "arm64"}
LC_SYMTAB = 0x2
LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB = 0xC, 0x80000018, 0x8000001F
N_STAB, N_TYPE, N_EXT, N_SECT = 0xE0, 0x0E, 0x01, 0x0E


def main(path):
    data = open(path, "rb").read()
    if len(data) < 32 or struct.unpack_from("<I", data, 0)[0] != MH_MAGIC_64:
        print(f"{path}: not a 64-bit little-endian Mach-O file", file=sys.stderr)
        return 1
    _, cputype, _, filetype, ncmds, _, _, _ = struct.unpack_from("<IiIIIIII", data, 0)
    print("cpu", CPU_TYPES.get(cputype & 0xFFFFFFFF, hex(cputype & 0xFFFFFFFF)))
    print("filetype", "dylib" if filetype == 6 else filetype)
    offset = 32
    for _ in range(ncmds):
        cmd, size = struct.unpack_from("<II", data, offset)
        if cmd in (LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB):
            name_offset = struct.unpack_from("<I", data, offset + 8)[0]
            name = data[offset + name_offset:offset + size].split(b"\0", 1)[0].decode()
            print("dylib", name)
        elif cmd == LC_SYMTAB:
            symoff, nsyms, stroff, _ = struct.unpack_from("<IIII", data, offset + 8)
            for i in range(nsyms):
                strx, n_type, _, _, _ = struct.unpack_from("<IBBHQ", data, symoff + 16 * i)
                if n_type & N_STAB or not n_type & N_EXT or (n_type & N_TYPE) != N_SECT:
                    continue  # debug entries, locals and undefined imports
                name = data[stroff + strx:].split(b"\0", 1)[0].decode()
                print("export", name)
        offset += size
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
