@echo off
rem rq: the rqlib command line on Windows. Runs the jars in ..\lib with the JVM sized from --memory-limit as bin/rq
rem does: heap max(96 MiB, L/4), direct memory 3L/4 (at least 16 MiB). RQ_JAVA_OPTS adds JVM options; JAVA_HOME
rem picks the java binary.
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
        set /a "HEAP=!MB! / 4"
        if !HEAP! LSS 96 set "HEAP=96"
        set /a "DIRECT=!MB! - !MB! / 4"
        if !DIRECT! LSS 16 set "DIRECT=16"
        set "OPTS=!OPTS! -Xmx!HEAP!m -XX:MaxDirectMemorySize=!DIRECT!m -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=64m"
    )
)
"%JAVA%" %OPTS% %RQ_JAVA_OPTS% -cp "%LIB%\*" org.rqlib.cli.RqCommand %*
exit /b %ERRORLEVEL%
