def log = new File(basedir, 'build.log').text
assert log.contains('The contract of 2 service interface(s) keeps callers of')
assert log.contains('BUILD SUCCESS')
def contract = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/rpc-contract.json'))
assert contract.services.keySet() == ['it.ClockService', 'it.Greeter'] as Set
assert contract.services['it.ClockService'].methods['now()'].result.schema == [type: 'string', format: 'date-time']
assert contract.types['it.Greeting'].properties.keySet() == ['count', 'language', 'text'] as Set
