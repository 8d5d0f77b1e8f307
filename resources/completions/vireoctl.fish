# fish completion for vireoctl. Nouns and verbs come from vireoctl's own --help, so
# completion never drifts from the binary; VM names come from `vm list --json`.

# The words typed so far after "vireoctl", without global options and their values.
function __vireoctl_words
    set -l skip 0
    for w in (commandline -opc)[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case --library --remote
                set skip 1
            case '-*'
            case '*'
                echo $w
        end
    end
end

function __vireoctl_nouns
    # Nouns ("vm: ...") and the top-level commands ("console    ...").
    vireoctl --help 2>/dev/null | sed -n -e 's/^\([a-z]*\): .*/\1/p' -e 's/^\([a-z][a-z-]*\)   *.*/\1/p'
end

function __vireoctl_verbs
    set -l noun (__vireoctl_words)[1]
    vireoctl $noun --help 2>/dev/null | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p'
end

function __vireoctl_vms
    vireoctl vm list --json 2>/dev/null | sed -n 's/.*"name": "\(.*\)".*/\1/p'
end

function __vireoctl_wants_vm
    set -l w (__vireoctl_words)
    switch (count $w)
        case 1
            contains -- $w[1] console display
        case 2
            contains -- $w[1] vm snapshot
        case '*'
            return 1
    end
end

complete -c vireoctl -f
complete -c vireoctl -l library -x -a '(__fish_complete_directories)' -d 'VM library folder'
complete -c vireoctl -l remote -x -a '(vireoctl remote list --json 2>/dev/null | sed -n "s/.*\"name\": \"\(.*\)\".*/\1/p")' -d 'libvirt host'
complete -c vireoctl -l json -d 'JSON output'
complete -c vireoctl -l help -d 'Show help'
complete -c vireoctl -n 'test (count (__vireoctl_words)) -eq 0' -a '(__vireoctl_nouns)'
complete -c vireoctl -n 'test (count (__vireoctl_words)) -eq 1; and not contains -- (__vireoctl_words)[1] console display' -a '(__vireoctl_verbs)'
complete -c vireoctl -n __vireoctl_wants_vm -a '(__vireoctl_vms)'
