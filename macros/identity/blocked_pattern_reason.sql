{#- The rows of the seed blocked_identifier_patterns (`relation`) as a list of
    [identifier_type, blocked_pattern, reason], ordered by reason, then type and pattern. Read
    when the model runs, so a build uses the seed it has just loaded. Empty while dbt parses, and when only compiling (dbt compile, docs, sqlfluff) before
    the seed was ever loaded; a run, build or show without the loaded seed stops with a
    message. Unit tests override this macro with the rows they need. -#}
{% macro blocked_identifier_patterns(relation) %}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- if load_relation(relation) is none -%}
        {%- if flags.WHICH in ['run', 'build', 'retry', 'show'] -%}
            {{ exceptions.raise_compiler_error(
                "The seed blocked_identifier_patterns is not loaded (" ~ relation ~ "): run "
                ~ "dbt seed first, or dbt build, which loads the seeds before the models."
            ) }}
        {%- endif -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set rows = run_query(
        "select identifier_type, blocked_pattern, reason from " ~ relation
        ~ " order by reason, identifier_type, blocked_pattern"
    ) -%}
    {{ return(rows.rows | map('list') | list) }}
{% endmacro %}

{#- The reason of the first blocked pattern (in the order of `patterns`, see
    blocked_identifier_patterns: the smallest reason) of type `type_expr` that the text
    `value_expr` matches, or NULL; both arguments are SQL expressions. Rows without a pattern
    or a reason block nothing (as in the join this replaced; the seed's not_null tests report
    them). Each pattern is written
    into the SQL as a constant: DuckDB compiles a regular expression that comes from a column
    once per row, which made the join on the seed 7 s of 10 s at 10M events; a constant one is
    compiled once. -#}
{% macro blocked_pattern_reason(type_expr, value_expr, patterns) -%}
    {%- set patterns = patterns | rejectattr(1, 'none') | rejectattr(2, 'none') | list -%}
    {%- if patterns | length == 0 -%}
        cast(null as {{ dbt.type_string() }})
    {%- else -%}
        case
            {%- for identifier_type, blocked_pattern, reason in patterns %}
                when
                    {{ type_expr }} = {{ sql_string(identifier_type) }}
                    and {{ regex_matches(value_expr, sql_string(blocked_pattern)) }}
                    then {{ sql_string(reason) }}
            {%- endfor %}
        end
    {%- endif -%}
{%- endmacro %}
