from handvat.cli import main

main()
