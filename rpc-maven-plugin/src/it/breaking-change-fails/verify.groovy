def log = new File(basedir, 'build.log').text
assert log.contains('Comparing with the contract of it:greeter-api:json:rpc-contract:1.0.0')
assert log.contains('2 changes break callers built against')
assert log.contains('it.Greeter.greet(java.lang.String): parameter added (now greet(java.lang.String,java.lang.String))')
assert log.contains('it.Greeter.latest(): property removed (result.count)')
assert log.contains('-Drpc.contract.update=true')
