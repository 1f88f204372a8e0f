@echo off
rem rq: the rqlib command line on Windows. Runs the jars in ..\lib with the JVM sized from --memory-limit as bin/rq
rem does: heap max(L/4, min(L/2, 32 MiB)) (rqlib's heap share), direct memory the rest of L (at least 16 MiB),
rem a young generation of a quarter of the heap. RQ_JAVA_OPTS adds JVM options; JAVA_HOME picks the java binary.
setlocal EnableDelayedExpansion
set "LIB=%~dp0..\lib"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"

set "LIMIT="
set "PREV="
for %%A in (%*) do (
    set "ARG=%%~A"
    if "!PREV!"=="--memory-limit" set "LIMIT=!ARG!"
    if "!ARG:~0,15!"=="--memory-limit=" set "LIMIT=!ARG:~15!"
    set "PREV=!ARG!"
)

set "OPTS=-XX:+UseSerialGC -Xss512k"
if defined LIMIT (
    rem sizes in MiB: cmd arithmetic is 32-bit, so the limit is converted to MiB first
    rem 64m, 64mb and 64MB are the same size, as in bin/rq and the CLI
    set "SIZE=!LIMIT!"
    if /i "!SIZE:~-1!"=="b" set "SIZE=!SIZE:~0,-1!"
    set "NUM=!SIZE:~0,-1!"
    set "UNIT=!SIZE:~-1!"
    set "MB="
    if /i "!UNIT!"=="k" set /a "MB=!NUM! / 1024"
    if /i "!UNIT!"=="m" set /a "MB=!NUM!"
    if /i "!UNIT!"=="g" set /a "MB=!NUM! * 1024"
    if /i "!UNIT!"=="t" set /a "MB=!NUM! * 1048576"
    if not defined MB set /a "MB=!SIZE! / 1048576"
    if !MB! GTR 0 (
        set /a "HEAP=!MB! / 2"
        if !HEAP! GTR 32 set "HEAP=32"
        set /a "QUARTER=!MB! / 4"
        if !HEAP! LSS !QUARTER! set "HEAP=!QUARTER!"
        if !HEAP! LSS 16 set "HEAP=16"
        set /a "DIRECT=!MB! - !HEAP!"
        if !DIRECT! LSS 16 set "DIRECT=16"
        set /a "YOUNG=!HEAP! / 4"
        set "OPTS=!OPTS! -Xmx!HEAP!m -Xmn!YOUNG!m -XX:MaxDirectMemorySize=!DIRECT!m -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=48m"
    )
)
"%JAVA%" %OPTS% %RQ_JAVA_OPTS% -cp "%LIB%\*" org.rqlib.cli.RqCommand %*
exit /b %ERRORLEVEL%
