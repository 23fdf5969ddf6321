from cardbox.cli import main

main()
