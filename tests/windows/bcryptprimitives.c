/* A stand-in for Windows' bcryptprimitives.dll, which Wine 8 (Debian 12) does not have.
 *
 * Rust's standard library (1.78 and later) imports ProcessPrng from bcryptprimitives.dll for its
 * random numbers (HashMap keys, among others), so without this DLL the program does not start under
 * that Wine at all. ProcessPrng fills a buffer with random bytes and always succeeds on Windows; here
 * it asks RtlGenRandom (exported by advapi32 as SystemFunction036), which Wine has always had.
 * Built at test time by tests/windows/run (x86_64-w64-mingw32-gcc), never committed as a binary. */
#include <windows.h>

/* RtlGenRandom takes a ULONG length, ProcessPrng a SIZE_T: larger requests go in pieces. */
#define CHUNK_MAX 0x40000000UL

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > CHUNK_MAX ? CHUNK_MAX : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
