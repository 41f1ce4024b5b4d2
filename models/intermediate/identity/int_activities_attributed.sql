{#- Every activity with the unified profile it belongs to. All identifiers on one record are
    in the same profile, so the record's first identifier in priority order decides; it is kept
    as attributed_identifier_* so the attribution can be explained. -#}
with int_activities_unioned as (
    select * from {{ ref('int_activities_unioned') }}
),

int_identities_resolved as (
    select * from {{ ref('int_identities_resolved') }}
),

with_identifier as (
    select
        int_activities_unioned.*,
        case
            {% for column in identifier_columns() %}
                when {{ column }} is not null then '{{ column }}'
            {% endfor %}
        end as attributed_identifier_type,
        coalesce({{ identifier_columns() | join(', ') }}) as attributed_identifier_value
    from int_activities_unioned
),

final as (
    select
        with_identifier.*,
        int_identities_resolved.customer_id
    from with_identifier
    inner join int_identities_resolved
        on
            with_identifier.attributed_identifier_type = int_identities_resolved.identifier_type
            and with_identifier.attributed_identifier_value
            = int_identities_resolved.identifier_value
)

select * from final  -- noqa: AM04
