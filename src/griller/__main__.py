from griller.cli import main

main()
