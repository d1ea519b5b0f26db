from skylog.cli import main

main()
