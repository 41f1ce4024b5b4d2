{#- Parses a raw timestamp string into a naive timestamp holding the UTC instant, or NULL when
    the text is not a valid timestamp in an accepted format between 1970-01-01 and 2100-01-01
    (callers quarantine those rows). Accepted, after outer white space is removed:
      1. ISO 8601 with an offset or Z ('2022-09-15T09:00:00+02:00', '…T07:00:00Z', '+0545',
         '+05'; offsets up to ±14:00): the instant the offset names;
      2. ISO 8601 without an offset ('2022-09-15 07:00:00[.ffffff]', 'T' or space, seconds
         optional): wall-clock time in `time_zone`;
      3. day-first with a four-digit year ('15-09-2022 9:00:00', '15/09/2022 09:00'): wall-clock
         time in `time_zone`.
    Impossible dates (2022-02-29, 2022-04-31) are rejected, never rolled over; two-digit years
    and month-first dates are never guessed. Wall-clock times that do not exist (the spring-
    forward hour) or occur twice (the fall-back hour) are resolved by DuckDB's ICU rules: the
    missing hour is read with the offset before the change, the repeated one as the second
    (winter-time) occurrence. -#}
{% macro parse_timestamp_utc(text_expr, time_zone) %}
    {{ return(adapter.dispatch('parse_timestamp_utc', 'openprofile')(text_expr, time_zone)) }}
{% endmacro %}

{% macro default__parse_timestamp_utc(text_expr, time_zone) -%}
    {%- set text = clean_text(text_expr) -%}
    {%- set iso_date = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?" -%}
    {%- set offset = "([Zz]|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)$'" -%}
    {%- set valid_iso_date = "try_strptime(left(" ~ text ~ ", 10), '%Y-%m-%d') is not null" -%}
    {%- set parsed -%}
        case
            when {{ regex_matches(text, iso_date ~ offset) }} and {{ valid_iso_date }}
                then timezone(
                    'UTC',
                    try_strptime(
                        regexp_replace(replace(replace({{ text }}, 't', 'T'), 'T', ' '), '[Zz]$', '+00:00'),
                        ['%Y-%m-%d %H:%M:%S%z', '%Y-%m-%d %H:%M:%S.%f%z', '%Y-%m-%d %H:%M%z']
                    )
                )
            when {{ regex_matches(text, iso_date ~ "$'") }} and {{ valid_iso_date }}
                then {{ openprofile.convert_to_utc(
                    "try_strptime(replace(replace(" ~ text ~ ", 't', 'T'), 'T', ' '), "
                    ~ "['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d %H:%M'])",
                    time_zone
                ) }}
            when {{ regex_matches(
                text,
                "'^[0-9]{1,2}[-/][0-9]{1,2}[-/][0-9]{4} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'"
            ) }}
                then {{ openprofile.convert_to_utc(
                    "try_strptime(" ~ text ~ ", ['%d-%m-%Y %H:%M:%S', '%d-%m-%Y %H:%M', "
                    ~ "'%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M'])",
                    time_zone
                ) }}
        end
    {%- endset %}
    case
        when {{ parsed }} >= cast('1970-01-01' as timestamp)
            and {{ parsed }} < cast('2100-01-01' as timestamp)
            then {{ parsed }}
    end
{%- endmacro %}

{% macro spark__parse_timestamp_utc(text_expr, time_zone) -%}
    coalesce(
        to_utc_timestamp(
            coalesce(
                try_to_timestamp(trim({{ text_expr }}), "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]XXX"),
                try_to_timestamp(trim({{ text_expr }}), "yyyy-MM-dd HH:mm:ss[.SSSSSS]XXX")
            ),
            'UTC'
        ),
        to_utc_timestamp(
            coalesce(
                try_to_timestamp(trim({{ text_expr }}), "yyyy-MM-dd'T'HH:mm:ss[.SSSSSS]"),
                try_to_timestamp(trim({{ text_expr }}), 'yyyy-MM-dd HH:mm:ss[.SSSSSS]'),
                try_to_timestamp(trim({{ text_expr }}), 'd-M-yyyy H:mm[:ss]'),
                try_to_timestamp(trim({{ text_expr }}), 'd/M/yyyy H:mm[:ss]')
            ),
            '{{ time_zone }}'
        )
    )
{%- endmacro %}
