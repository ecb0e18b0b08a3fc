import BabillardCLI

await BabillardMain.run()
