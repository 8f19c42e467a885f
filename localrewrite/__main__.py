from localrewrite.cli import main

main()
