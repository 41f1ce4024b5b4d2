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
    {%- set iso = replace_all(
        "replace(replace(" ~ text ~ ", 't', 'T'), 'T', ' ')", "'[Zz]$'", "'+00:00'"
    ) -%}
    {{ _parse_timestamp_utc_cases(
        text,
        "timezone('UTC', try_strptime(" ~ iso ~ ", ['%Y-%m-%d %H:%M:%S%z', "
            ~ "'%Y-%m-%d %H:%M:%S.%f%z', '%Y-%m-%d %H:%M%z']))",
        "try_strptime(" ~ iso ~ ", ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%d %H:%M'])",
        "try_strptime(" ~ text ~ ", ['%d-%m-%Y %H:%M:%S', '%d-%m-%Y %H:%M', "
            ~ "'%d/%m/%Y %H:%M:%S', '%d/%m/%Y %H:%M'])",
        "try_strptime(left(" ~ text ~ ", 10), '%Y-%m-%d') is not null",
        time_zone
    ) }}
{%- endmacro %}

{#- Spark: the same cases. The offset is taken apart by the regular expression and
    subtracted from the wall-clock time, so every offset form the pattern admits is read. -#}
{% macro spark__parse_timestamp_utc(text_expr, time_zone) -%}
    {%- set text = clean_text(text_expr) -%}
    {%- set iso = "replace(replace(" ~ text ~ ", 't', 'T'), 'T', ' ')" -%}
    {%- set offset_pattern = "'([Zz]|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)$'" -%}
    {%- set local_part = "regexp_replace(" ~ iso ~ ", " ~ offset_pattern ~ ", '')" -%}
    {%- set offset_text = "regexp_extract(" ~ iso ~ ", " ~ offset_pattern ~ ", 1)" -%}
    {%- set offset_minutes -%}
        case
            when upper({{ offset_text }}) = 'Z' then 0
            else (case when left({{ offset_text }}, 1) = '-' then -1 else 1 end)
                * (cast(substring({{ offset_text }}, 2, 2) as int) * 60
                    + coalesce(cast(nullif(right(replace({{ offset_text }}, ':', ''), 2), substring({{ offset_text }}, 2, 2)) as int), 0)
                    * case when length(replace({{ offset_text }}, ':', '')) = 5 then 1 else 0 end)
        end
    {%- endset -%}
    {%- set wall_clock = "to_timestamp(" ~ local_part ~ ", 'yyyy-MM-dd H:mm[:ss][.SSSSSS]')" -%}
    {{ _parse_timestamp_utc_cases(
        text,
        "(" ~ wall_clock ~ " - make_interval(0, 0, 0, 0, 0, " ~ offset_minutes ~ ", 0))",
        "to_timestamp(" ~ iso ~ ", 'yyyy-MM-dd H:mm[:ss][.SSSSSS]')",
        "coalesce(to_timestamp(" ~ text ~ ", 'd-M-yyyy H:mm[:ss]'), to_timestamp("
            ~ text ~ ", 'd/M/yyyy H:mm[:ss]'))",
        "to_date(left(" ~ text ~ ", 10), 'yyyy-MM-dd') is not null",
        time_zone
    ) }}
{%- endmacro %}

{#- The case expression shared by every engine: which format a text has, decided by the same
    regular expressions everywhere, and the range check. Arguments are SQL expressions: the
    instant of an ISO text with an offset, the wall-clock time of one without, the wall-clock
    time of a day-first text, and the test that the text starts with a real calendar date. -#}
{% macro _parse_timestamp_utc_cases(text, iso_with_offset, iso_wall_clock, day_first_wall_clock, valid_iso_date, time_zone) -%}
    {%- set iso_date = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{1,2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?" -%}
    {%- set offset = "([Zz]|[+-](0[0-9]|1[0-4])(:?[0-5][0-9])?)$'" -%}
    {%- set parsed -%}
        case
            when {{ regex_matches(text, iso_date ~ offset) }} and {{ valid_iso_date }}
                then {{ iso_with_offset }}
            when {{ regex_matches(text, iso_date ~ "$'") }} and {{ valid_iso_date }}
                then {{ openprofile.convert_to_utc(iso_wall_clock, time_zone) }}
            when {{ regex_matches(
                text,
                "'^[0-9]{1,2}[-/][0-9]{1,2}[-/][0-9]{4} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$'"
            ) }}
                then {{ openprofile.convert_to_utc(day_first_wall_clock, time_zone) }}
        end
    {%- endset %}
    case
        when {{ parsed }} >= cast('1970-01-01' as timestamp)
            and {{ parsed }} < cast('2100-01-01' as timestamp)
            then {{ parsed }}
    end
{%- endmacro %}
