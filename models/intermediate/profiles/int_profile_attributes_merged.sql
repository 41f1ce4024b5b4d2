{#- The best value of each profile attribute (email, first/last name, phone, country), by the
    merge policy:
      1. the most trusted source tier wins: CRM contact (1) > order data (2);
      2. within a tier, the most recently observed value wins;
      3. remaining ties go to the smallest value.
    Behavioural sources (web, app) carry no attributes. Marketing consent: int_profile_consent. -#}
{%- set parts = [] -%}
with int_identities_resolved as (
    select * from {{ ref('int_identities_resolved') }}
),

{% if input_enabled('demo') %}
{% do parts.extend(['crm_candidates', 'guest_order_candidates']) %}
stg_shop__crm_contacts as (
    select * from {{ ref('stg_shop__crm_contacts') }}
),

stg_shop__orders as (
    select * from {{ ref('stg_shop__orders') }}
),

crm_candidates as (
    {%- set email = 'lower(email)' -%}
    {%- set phone = normalize_phone('phone', "coalesce(country_code, '"
        ~ var('phone_default_country') ~ "')") -%}
    {% for attribute, expression, condition in [
        ('email', email, is_valid_email(email)),
        ('first_name', 'first_name', 'first_name is not null'),
        ('last_name', 'last_name', 'last_name is not null'),
        ('phone', phone, phone ~ ' is not null'),
        ('country', 'country_code', 'country_code is not null')
    ] %}
    select
        'crm_contact_id' as identifier_type,
        contact_id as identifier_value,
        '{{ attribute }}' as attribute_name,
        {{ expression }} as attribute_value,
        1 as source_tier,
        updated_at as observed_at
    from stg_shop__crm_contacts
    where {{ condition }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

guest_order_candidates as (
    select
        'email' as identifier_type,
        lower(guest_email) as identifier_value,
        'email' as attribute_name,
        lower(guest_email) as attribute_value,
        2 as source_tier,
        ordered_at as observed_at
    from stg_shop__orders
    where {{ is_valid_email('lower(guest_email)') }}
),
{% endif %}

{% if input_enabled('online_retail') %}
{% do parts.append('online_retail_candidates') %}
stg_online_retail__order_lines as (
    select * from {{ ref('stg_online_retail__order_lines') }}
),

online_retail_candidates as (
    select distinct
        case
            when customer_number is null then 'guest_order_id' else 'crm_contact_id'
        end as identifier_type,
        coalesce(customer_number, invoice_no) as identifier_value,
        'country' as attribute_name,
        country_name as attribute_value,
        2 as source_tier,
        invoiced_at as observed_at
    from stg_online_retail__order_lines
    where country_name is not null
),
{% endif %}

candidates as (
    {% for part in parts %}
    select * from {{ part }}
    {% if not loop.last %}union all{% endif %}
    {% else %}
    select
        cast(null as {{ dbt.type_string() }}) as identifier_type,
        cast(null as {{ dbt.type_string() }}) as identifier_value,
        cast(null as {{ dbt.type_string() }}) as attribute_name,
        cast(null as {{ dbt.type_string() }}) as attribute_value,
        1 as source_tier,
        cast(null as {{ dbt.type_timestamp() }}) as observed_at
    where 1 = 0
    {% endfor %}
),

ranked as (
    select
        int_identities_resolved.customer_id,
        candidates.attribute_name,
        candidates.attribute_value,
        row_number() over (
            partition by int_identities_resolved.customer_id, candidates.attribute_name
            order by
                candidates.source_tier,
                candidates.observed_at desc,
                candidates.attribute_value
        ) as merge_rank
    from candidates
    inner join int_identities_resolved
        on candidates.identifier_type = int_identities_resolved.identifier_type
        and candidates.identifier_value = int_identities_resolved.identifier_value
    -- a shared identifier (two profiles equally near it) belongs to no profile
    where int_identities_resolved.customer_id is not null
),

final as (
    select
        customer_id,
        {% for attribute in ['email', 'first_name', 'last_name', 'phone', 'country'] %}
        max(case when attribute_name = '{{ attribute }}' then attribute_value end)
            as {{ attribute }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from ranked
    where merge_rank = 1
    group by customer_id
)

select * from final
