def log = new File(basedir, 'build.log').text
assert log.contains('The contract of 1 service interface(s) keeps callers of')
assert log.contains('BUILD SUCCESS')
